package io.crier.delivery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;

/**
 * This node among the nodes sharing the database: its id, its heartbeat, and the control
 * version it has applied. A pause waits for every node whose heartbeat is recent.
 */
@Component
class NodeRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final String nodeId;
    private volatile long lastHeartbeatNanos = System.nanoTime();

    NodeRegistry(JdbcClient jdbc, Clock clock, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.nodeId = properties.nodeId() == null || properties.nodeId().isBlank() ? defaultNodeId() : properties.nodeId();
    }

    String nodeId() {
        return nodeId;
    }

    void register() {
        Instant now = Timestamps.now(clock);
        int updated = jdbc.sql("update node set started_at = :now, heartbeat_at = :now where id = :id")
                .param("id", nodeId).param("now", Timestamps.toDb(now)).update();
        if (updated == 0) {
            jdbc.sql("insert into node (id, started_at, heartbeat_at, control_applied) values (:id, :now, :now, 0)")
                    .param("id", nodeId).param("now", Timestamps.toDb(now)).update();
        }
        lastHeartbeatNanos = System.nanoTime();
    }

    /** Records that this node is alive and has applied every control change up to {@code version}. */
    void heartbeat(long appliedVersion) {
        long started = System.nanoTime();
        jdbc.sql("update node set heartbeat_at = :now, control_applied = :version where id = :id")
                .param("id", nodeId)
                .param("now", Timestamps.toDb(Timestamps.now(clock)))
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
        Instant liveSince = Timestamps.now(clock).minus(properties.nodeTimeout());
        return jdbc.sql("select count(*) from node where heartbeat_at > :liveSince and control_applied < :version")
                .param("liveSince", Timestamps.toDb(liveSince))
                .param("version", version)
                .query(Integer.class)
                .single();
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
