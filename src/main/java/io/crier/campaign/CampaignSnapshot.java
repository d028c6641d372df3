package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign as other modules see it ({@link Campaigns}).
 *
 * @param scheduledAt    when it starts or started; null for a draft not given a start time
 * @param allowedActions what may be asked of it now, as its native view lists them
 */
public record CampaignSnapshot(UUID id, String name, CampaignStatus status, boolean archived, Instant scheduledAt,
        Instant startedAt, Instant sentAt, Instant pausedAt, Instant createdAt, Instant updatedAt,
        List<UUID> toLists, UUID templateId, CampaignMetrics metrics, List<CampaignAction> allowedActions) {

    public boolean allows(CampaignAction action) {
        return allowedActions.contains(action);
    }
}
