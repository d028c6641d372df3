package io.crier.delivery.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.DatabaseTime;

/**
 * Leases on the connections of relay pools with {@code max-connections}, in
 * {@code relay_connection_lease}: one row per connection the pool may have open over all nodes.
 * A node takes a row before it opens a connection, renews it with its heartbeats while it holds
 * it, and gives it back when it closes the connection. Like a claim's lease, it runs on the
 * database's clock ({@link DatabaseTime}): a node that stops heartbeating (dead, or cut off from
 * the database) loses its rows once their lease runs out, by which time it has closed its
 * connections (it fences itself first). Each statement stands alone: a take is one guarded update,
 * so two nodes racing for a row leave it to the first.
 */
@Repository
class ConnectionLeases {

    private final JdbcClient jdbc;

    ConnectionLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the pool's rows that are missing: one per connection, numbered from 0. */
    void ensure(String pool, int connections) {
        for (int slot = 0; slot < connections; slot++) {
            if (jdbc.sql("select count(*) from relay_connection_lease where pool = :pool and slot = :slot")
                    .param("pool", pool).param("slot", slot).query(Long.class).single() > 0) {
                continue;
            }
            try {
                jdbc.sql("insert into relay_connection_lease (pool, slot) values (:pool, :slot)")
                        .param("pool", pool).param("slot", slot).update();
            } catch (DuplicateKeyException madeByAnotherNode) {
                // The row exists: that is all this wanted.
            }
        }
    }

    /**
     * Takes a free row of the first {@code connections} of the pool for this node: its number, or
     * empty when every one is held. Rows beyond {@code connections} (a limit lowered since) are
     * never taken.
     */
    OptionalInt take(String pool, int connections, String nodeId, Duration lease) {
        List<Integer> free = jdbc.sql("select slot from relay_connection_lease where pool = :pool and slot < :connections"
                        + " and " + FREE + " order by slot")
                .param("pool", pool)
                .param("connections", connections)
                .query(Integer.class)
                .list();
        for (int slot : free) {
            int taken = jdbc.sql(("update relay_connection_lease set node_id = :nodeId, lease_until = current_timestamp + %s"
                            + " where pool = :pool and slot = :slot and " + FREE).formatted(DatabaseTime.MILLIS))
                    .param("nodeId", nodeId)
                    .param("millis", lease.toMillis())
                    .param("pool", pool)
                    .param("slot", slot)
                    .update();
            if (taken == 1) {
                return OptionalInt.of(slot);
            }
        }
        return OptionalInt.empty();
    }

    /** Gives a row back, unless its lease ran out and another node holds it now. */
    void release(String pool, int slot, String nodeId) {
        jdbc.sql("update relay_connection_lease set node_id = null, lease_until = null"
                        + " where pool = :pool and slot = :slot and node_id = :nodeId")
                .param("pool", pool)
                .param("slot", slot)
                .param("nodeId", nodeId)
                .update();
    }

    /**
     * Extends the leases of these rows of the pool that this node holds and that have less than
     * {@code renewBelow} left, as a heartbeat renews claims.
     */
    void renew(String pool, Collection<Integer> slots, String nodeId, Duration lease, Duration renewBelow) {
        if (slots.isEmpty()) {
            return;
        }
        jdbc.sql(("update relay_connection_lease set lease_until = current_timestamp + %s where pool = :pool"
                        + " and slot in (:slots) and node_id = :nodeId and lease_until < current_timestamp + %s")
                        .formatted(DatabaseTime.MILLIS, DatabaseTime.millis("renewBelow")))
                .param("millis", lease.toMillis())
                .param("renewBelow", renewBelow.toMillis())
                .param("pool", pool)
                .param("slots", slots)
                .param("nodeId", nodeId)
                .update();
    }

    /**
     * Gives back every row held under this node id: a node starting under the id of one that is
     * gone (a restart) holds none of its connections, and would otherwise wait for their leases.
     */
    int releaseAllOf(String nodeId) {
        return jdbc.sql("update relay_connection_lease set node_id = null, lease_until = null where node_id = :nodeId")
                .param("nodeId", nodeId)
                .update();
    }

    /** A row no node holds: never taken, given back, or its lease ran out. */
    private static final String FREE = "(node_id is null or lease_until < current_timestamp)";
}
