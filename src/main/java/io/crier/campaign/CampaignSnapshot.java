package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign as other modules see it ({@link Campaigns}). {@code status} is the status name the
 * native API shows ({@code draft}, {@code scheduled}, {@code sending}, {@code sending_gradual},
 * {@code paused}, {@code sent}, {@code aborted}, {@code failed}).
 *
 * @param scheduledAt when it starts or started; null for a draft not given a start time
 */
public record CampaignSnapshot(UUID id, String name, String status, boolean archived, Instant scheduledAt,
        Instant startedAt, Instant sentAt, Instant pausedAt, Instant createdAt, Instant updatedAt,
        List<UUID> toLists, UUID templateId, CampaignMetrics metrics) {
}
