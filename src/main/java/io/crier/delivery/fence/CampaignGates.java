package io.crier.delivery.fence;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * This node's gates, one per campaign it sends for, dropped when the campaign completes (one hidden
 * campaign per transactional call would otherwise keep one each for good); all shut while the
 * node is fenced.
 */
@Component
public class CampaignGates {

    /** What a sender meets for a campaign whose gate was dropped: nothing more goes out for it here. */
    private static final CampaignGate DROPPED = closed();

    private final Map<UUID, CampaignGate> gates = new ConcurrentHashMap<>();
    private final NodeRegistry node;

    public CampaignGates(NodeRegistry node) {
        this.node = node;
    }

    public CampaignGate gate(UUID campaignId) {
        return gates.computeIfAbsent(campaignId, id -> new CampaignGate(node::mustSelfFence));
    }

    /**
     * The gate a sender passes for a message it holds: the campaign's, or a closed one once the
     * campaign has completed and its gate was dropped. Never a new, open gate for a message claimed
     * before.
     */
    public CampaignGate forSending(UUID campaignId) {
        return gates.getOrDefault(campaignId, DROPPED);
    }

    /**
     * Closes the gates of these campaigns, which have completed, and forgets them. (An aborted
     * campaign keeps its closed gate: aborts are few, and a gate asked for anew would be open.)
     */
    public void drop(Collection<UUID> completed) {
        completed.forEach(campaignId -> {
            CampaignGate gate = gates.get(campaignId);
            if (gate != null) {
                gate.close();
                gates.remove(campaignId, gate);
            }
        });
    }

    /** How many gates this node holds. */
    public int size() {
        return gates.size();
    }

    /**
     * Closes every gate but those of {@code running} campaigns, and opens theirs; {@code running}
     * was read after the control clock stood at {@code readAtVersion}.
     */
    public void keepOnlyOpen(Set<UUID> running, long readAtVersion) {
        gates.forEach((id, gate) -> {
            if (!running.contains(id)) {
                gate.close();
            }
        });
        running.forEach(id -> gate(id).open(readAtVersion));
    }

    public void close(UUID campaignId) {
        gate(campaignId).close();
    }

    /** A pause or abort with control version {@code version}: see {@link CampaignGate#closeAt}. */
    public void closeAt(UUID campaignId, long version) {
        gate(campaignId).closeAt(version);
    }

    /** Self-fencing: nothing more begins on this node until its gates are opened again. */
    public void closeAll() {
        gates.values().forEach(CampaignGate::close);
    }

    private static CampaignGate closed() {
        CampaignGate gate = new CampaignGate(() -> true);
        gate.close();
        return gate;
    }
}
