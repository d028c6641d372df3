package io.crier.campaign;

import java.time.Instant;

/** What the state machine needs to know of a campaign. */
record CampaignState(CampaignStatus status, boolean archived, SendMode sendMode, Instant scheduledAt) {
}
