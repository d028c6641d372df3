package io.crier.delivery;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** This node's gates, one per campaign it has sent for. */
@Component
class CampaignGates {

    private final Map<UUID, CampaignGate> gates = new ConcurrentHashMap<>();

    CampaignGate gate(UUID campaignId) {
        return gates.computeIfAbsent(campaignId, id -> new CampaignGate());
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
