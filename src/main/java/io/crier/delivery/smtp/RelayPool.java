package io.crier.delivery.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A named group of relays that a campaign's mail goes out through, picked by the routing rules
 * ({@link PoolRouting}). Its limits are the pool's, on top of each relay's own: {@code maxRate}
 * messages a second and {@code maxPerMinute} a minute, {@code dailyVolume} a UTC day, and
 * {@code maxConnections} connections open at once over all its relays (all held across nodes; null:
 * none). A node has at most {@code maxConnections} senders for the pool, each of which connects only
 * with a lease on one of the pool's connections, taken in the database.
 * {@code workspaces} holds the ids of the workspaces that may route to it, or {@code *} for all.
 */
public record RelayPool(String name, List<RelaySettings> relays, Double maxRate, Integer maxPerMinute, Integer maxConnections,
        Long dailyVolume, Set<String> workspaces) {

    /** The pool of {@code crier.smtp.host} and {@code crier.smtp.relays}, or of the capture server. */
    public static final String DEFAULT = "default";
    public static final String EVERY_WORKSPACE = "*";

    public RelayPool {
        relays = List.copyOf(relays);
        workspaces = Set.copyOf(workspaces);
    }

    public boolean usableBy(UUID workspaceId) {
        return workspaces.contains(EVERY_WORKSPACE) || workspaces.contains(workspaceId.toString());
    }

    /**
     * This node's connections to the pool's relays, one entry per connection: each relay's own
     * count, taken in turn from every relay so a pool-wide cap leaves none of them out.
     */
    public List<RelaySettings> connections() {
        List<RelaySettings> connections = new ArrayList<>();
        int most = relays.stream().mapToInt(RelaySettings::maxConnections).max().orElse(0);
        for (int round = 0; round < most; round++) {
            for (RelaySettings relay : relays) {
                if (round < relay.maxConnections() && (maxConnections == null || connections.size() < maxConnections)) {
                    connections.add(relay);
                }
            }
        }
        return connections;
    }
}
