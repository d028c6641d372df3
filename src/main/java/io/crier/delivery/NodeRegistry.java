package io.crier.delivery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node among the nodes sharing the database: its id, its heartbeat, and the control
 * version it has applied. A pause waits for every node whose heartbeat is recent.
 * <p>
 * Heartbeats are stamped, and judged recent, by the database's clock, never a node's own: the
 * self-fencing rule compares a node's silence (its own monotonic time since it last heartbeat)
 * with how long the others wait for it, and that comparison must not depend on how far apart the
 * nodes' clocks are.
 */
@Component
class NodeRegistry {

    private final JdbcClient jdbc;
    private final DeliveryProperties properties;
    private final String nodeId;
    private volatile long lastHeartbeatNanos = System.nanoTime();

    NodeRegistry(JdbcClient jdbc, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.nodeId = properties.nodeId() == null || properties.nodeId().isBlank() ? defaultNodeId() : properties.nodeId();
    }

    String nodeId() {
        return nodeId;
    }

    void register() {
        long started = System.nanoTime();
        int updated = jdbc.sql("update node set started_at = current_timestamp, heartbeat_at = current_timestamp"
                        + " where id = :id")
                .param("id", nodeId).update();
        if (updated == 0) {
            jdbc.sql("insert into node (id, started_at, heartbeat_at, control_applied)"
                            + " values (:id, current_timestamp, current_timestamp, 0)")
                    .param("id", nodeId).update();
        }
        lastHeartbeatNanos = started;
    }

    /** Records that this node is alive and has applied every control change up to {@code version}. */
    void heartbeat(long appliedVersion) {
        long started = System.nanoTime();
        jdbc.sql("update node set heartbeat_at = current_timestamp, control_applied = :version where id = :id")
                .param("id", nodeId)
                .param("version", appliedVersion)
                .update();
        // Measured from before the write: the database may have seen it up to then, no later.
        lastHeartbeatNanos = started;
    }

    /** True when this node has not been able to heartbeat for longer than it may send without one. */
    boolean mustSelfFence() {
        return System.nanoTime() - lastHeartbeatNanos > properties.selfFenceAfter().toNanos();
    }

    /** Live nodes that have not yet applied {@code version}. */
    int nodesBehind(long version) {
        return jdbc.sql("select count(*) from node where control_applied < :version"
                        + " and heartbeat_at > current_timestamp - " + seconds(properties.nodeTimeout()))
                .param("version", version)
                .query(Integer.class)
                .single();
    }

    /** A duration as an SQL interval literal both PostgreSQL and H2 read. */
    private static String seconds(Duration duration) {
        return "interval '%d.%03d' second".formatted(duration.toSeconds(), duration.toMillisPart());
    }

    void deregister() {
        jdbc.sql("delete from node where id = :id").param("id", nodeId).update();
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
