package io.crier.suppression;

import java.time.Instant;
import java.util.UUID;

/** Published when a recipient first unsubscribes through a campaign's link (for webhooks and the like). */
public record ContactUnsubscribed(UUID workspaceId, UUID campaignId, String email, Instant at) {
}
