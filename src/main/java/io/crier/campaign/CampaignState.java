package io.crier.campaign;

import java.time.Instant;

/**
 * What the state machine needs to know of a campaign.
 *
 * @param started whether it has begun sending (its audience was taken), which a pause does not undo
 */
record CampaignState(CampaignStatus status, boolean archived, SendMode sendMode, Instant scheduledAt,
        boolean started) {
}
