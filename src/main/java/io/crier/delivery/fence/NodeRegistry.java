package io.crier.delivery.fence;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.delivery.DeliveryProperties;

/**
 * This node among the nodes sharing the database: its id, its heartbeat, the control version it
 * has applied, and which nodes are alive. A pause waits for every other live node. Liveness is judged
 * by whoever asks, on its own monotonic clock: a node is live while its heartbeat stamp keeps
 * changing, and dead once the stamp has stood still for {@code crier.delivery.node-timeout} as
 * timed here. The stamp is only ever compared with itself, so no clock has to agree with another:
 * neither a node's skewed clock, nor a step of the database server's clock, nor a test clock moved
 * days ahead hides a live node from a pause or keeps a dead one.
 */
@Component
public class NodeRegistry {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    private final JdbcClient jdbc;
    private final DeliveryProperties properties;
    private final String nodeId;
    private final Map<String, Sighting> sightings = new ConcurrentHashMap<>();
    private volatile long lastHeartbeatNanos = System.nanoTime();

    /** A node's row as read. */
    private record Node(String id, OffsetDateTime heartbeat, long applied) {
    }

    /** A node's heartbeat stamp as last read here, and since when (System.nanoTime) it has not changed. */
    private record Sighting(OffsetDateTime heartbeat, long sinceNanos) {
    }

    public NodeRegistry(JdbcClient jdbc, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.nodeId = properties.nodeId() == null || properties.nodeId().isBlank() ? defaultNodeId() : properties.nodeId();
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Joins under this node's id. A row already there is a previous run's, taken over once its
     * heartbeat has stood still for node-timeout; if it moves, another live process has this id,
     * and this one refuses to start: two nodes under one id would renew and return each other's claims.
     */
    public void register() {
        Optional<OffsetDateTime> previous = heartbeatOf(nodeId);
        previous.ifPresent(this::awaitSilence);
        long started = System.nanoTime();
        int takenOver = previous.map(stamp -> jdbc.sql("""
                        update node set started_at = current_timestamp, heartbeat_at = current_timestamp
                        where id = :id and heartbeat_at = :stamp""")
                .param("id", nodeId)
                .param("stamp", stamp)
                .update()).orElse(0);
        if (takenOver == 0 && !insert(0)) {
            throw sameIdInUse();
        }
        lastHeartbeatNanos = started;
    }

    /** Waits until the heartbeat under this id has stood still for node-timeout, or the row is gone. */
    private void awaitSilence(OffsetDateTime stamp) {
        log.info("Node id {} was in use until recently; waiting up to {} for its heartbeat to stop", nodeId,
                properties.nodeTimeout());
        long since = System.nanoTime();
        while (System.nanoTime() - since <= properties.nodeTimeout().toNanos()) {
            Optional<OffsetDateTime> now = heartbeatOf(nodeId);
            if (now.isEmpty()) {
                return;
            }
            if (!now.get().equals(stamp)) {
                throw sameIdInUse();
            }
            try {
                Thread.sleep(properties.heartbeatInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to take over node id " + nodeId, e);
            }
        }
    }

    private IllegalStateException sameIdInUse() {
        return new IllegalStateException("Another running node uses the node id '" + nodeId + "': its heartbeat"
                + " goes on. Give every node its own crier.delivery.node-id (CRIER_DELIVERY_NODE_ID), or leave it"
                + " empty for a unique host-pid-random id");
    }

    /**
     * Records that this node is alive and has applied every control change up to {@code version}.
     * False when the row was gone: another node took this one for dead and struck it off. The row
     * is written again, but this heartbeat does not count, so the node stays fenced until the next
     * one, after its watcher has closed its gates and caught up with the control clock.
     */
    public boolean heartbeat(long appliedVersion) {
        long started = System.nanoTime();
        int updated = jdbc.sql("update node set heartbeat_at = current_timestamp, control_applied = :version where id = :id")
                .param("id", nodeId)
                .param("version", appliedVersion)
                .update();
        if (updated == 0) {
            insert(appliedVersion);
            return false;
        }
        // Measured from before the write: the database may have seen it up to then, no later.
        lastHeartbeatNanos = started;
        return true;
    }

    /** True when this node has not been able to heartbeat for longer than it may send without one. */
    public boolean mustSelfFence() {
        return System.nanoTime() - lastHeartbeatNanos > properties.selfFenceAfter().toNanos();
    }

    /**
     * Live nodes other than this one that have not yet applied {@code version}; the dead ones are
     * struck off. This node is left out: a pause closes its gate itself (see CampaignGate#closeAt).
     */
    public int otherNodesBehind(long version) {
        return (int) liveNodes().stream()
                .filter(node -> !node.id().equals(nodeId) && node.applied() < version)
                .count();
    }

    /** Strikes off the nodes whose heartbeat has stood still for node-timeout, as seen from here. */
    public void strikeOffDead() {
        liveNodes();
    }

    private List<Node> liveNodes() {
        List<Node> nodes = jdbc.sql("select id, heartbeat_at, control_applied from node")
                .query((rs, row) -> new Node(rs.getString("id"), rs.getObject("heartbeat_at", OffsetDateTime.class),
                        rs.getLong("control_applied")))
                .list();
        // Taken after the read: a stamp first seen now was written no later than now.
        long readAt = System.nanoTime();
        sightings.keySet().retainAll(nodes.stream().map(Node::id).collect(Collectors.toSet()));
        return nodes.stream().filter(node -> !deadAndStruckOff(node, readAt)).toList();
    }

    /**
     * Deletes the row of a node silent for node-timeout, guarded by the stamp seen: a heartbeat
     * that lands first keeps it. That node has fenced itself (self-fence-after is shorter), and
     * if it was only stalled, its next heartbeat finds the row gone and it stays fenced until it
     * has caught up.
     */
    private boolean deadAndStruckOff(Node node, long readAt) {
        Sighting sighting = sightings.compute(node.id(), (id, seen) ->
                seen != null && seen.heartbeat().equals(node.heartbeat()) ? seen : new Sighting(node.heartbeat(), readAt));
        if (readAt - sighting.sinceNanos() <= properties.nodeTimeout().toNanos()) {
            return false;
        }
        boolean struckOff = jdbc.sql("delete from node where id = :id and heartbeat_at = :stamp")
                .param("id", node.id())
                .param("stamp", node.heartbeat())
                .update() > 0;
        if (struckOff) {
            sightings.remove(node.id());
            log.warn("Node {} has not heartbeat for {}: taken for dead, pauses no longer wait for it", node.id(),
                    properties.nodeTimeout());
        }
        return struckOff;
    }

    private Optional<OffsetDateTime> heartbeatOf(String id) {
        return jdbc.sql("select heartbeat_at from node where id = :id")
                .param("id", id)
                .query(OffsetDateTime.class)
                .optional();
    }

    /** False when a row with this id is there already. */
    private boolean insert(long appliedVersion) {
        try {
            jdbc.sql("insert into node (id, started_at, heartbeat_at, control_applied)"
                            + " values (:id, current_timestamp, current_timestamp, :version)")
                    .param("id", nodeId)
                    .param("version", appliedVersion)
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    public void deregister() {
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
