package io.crier.delivery;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** This node's gates, one per campaign it has sent for; all shut while the node is fenced. */
@Component
class CampaignGates {

    private final Map<UUID, CampaignGate> gates = new ConcurrentHashMap<>();
    private final NodeRegistry node;

    CampaignGates(NodeRegistry node) {
        this.node = node;
    }

    CampaignGate gate(UUID campaignId) {
        return gates.computeIfAbsent(campaignId, id -> new CampaignGate(node::mustSelfFence));
    }

    /** Closes every gate but those of {@code running} campaigns, and opens theirs. */
    void keepOnlyOpen(Set<UUID> running) {
        gates.forEach((id, gate) -> {
            if (!running.contains(id)) {
                gate.close();
            }
        });
        running.forEach(id -> gate(id).open());
    }

    void close(UUID campaignId) {
        gate(campaignId).close();
    }

    /** Self-fencing: nothing more begins on this node until its gates are opened again. */
    void closeAll() {
        gates.values().forEach(CampaignGate::close);
    }
}
