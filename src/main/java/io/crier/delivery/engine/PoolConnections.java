package io.crier.delivery.engine;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.delivery.smtp.RelayPool;

/**
 * This node's share of one relay pool's {@code max-connections}, held across all nodes through
 * {@link ConnectionLeases}: the leases its senders hold, renewed with each heartbeat. A pool
 * without {@code max-connections} has no leases: its senders connect as they please and cost no SQL.
 * One per pool and engine start.
 */
final class PoolConnections {

    private static final Logger log = LoggerFactory.getLogger(PoolConnections.class);

    private final RelayPool pool;
    private final ConnectionLeases leases;
    private final NodeRegistry node;
    private final DeliveryProperties properties;
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();

    private PoolConnections(RelayPool pool, ConnectionLeases leases, NodeRegistry node, DeliveryProperties properties) {
        this.pool = pool;
        this.leases = leases;
        this.node = node;
        this.properties = properties;
    }

    /** One per pool, its rows made for those with a limit. */
    static Map<String, PoolConnections> of(List<RelayPool> pools, ConnectionLeases leases, NodeRegistry node,
            DeliveryProperties properties) {
        pools.stream().filter(pool -> pool.maxConnections() != null)
                .forEach(pool -> leases.ensure(pool.name(), pool.maxConnections()));
        return pools.stream().collect(Collectors.toUnmodifiableMap(RelayPool::name,
                pool -> new PoolConnections(pool, leases, node, properties), (a, b) -> a));
    }

    /** Whether a sender needs a lease before it connects. */
    boolean limited() {
        return pool.maxConnections() != null;
    }

    /**
     * A lease on one more connection to the pool, or empty when the other senders (of every node)
     * hold them all. None while this node fences itself: it could not renew it.
     */
    OptionalInt take() {
        if (node.mustSelfFence()) {
            return OptionalInt.empty();
        }
        OptionalInt slot = leases.take(pool.name(), pool.maxConnections(), node.nodeId(), properties.leaseDuration());
        slot.ifPresent(held::add);
        return slot;
    }

    /**
     * Gives the lease back, its connection closed. When the database cannot be reached the lease is
     * only no longer renewed: it runs out by itself.
     */
    void giveBack(int slot) {
        held.remove(slot);
        try {
            leases.release(pool.name(), slot, node.nodeId());
        } catch (DataAccessException e) {
            log.warn("Could not give back connection lease {} of pool {}; it runs out by itself: {}", slot, pool.name(),
                    e.toString());
        }
    }

    /** Renews the leases this node holds; the heartbeat calls it. */
    void renew() {
        if (!held.isEmpty()) {
            leases.renew(pool.name(), Set.copyOf(held), node.nodeId(), properties.leaseDuration(),
                    properties.renewLeasesBelow());
        }
    }

    /** Renews every pool's leases held by this node. */
    static void renewAll(Map<String, PoolConnections> pools) {
        pools.values().forEach(PoolConnections::renew);
    }
}
