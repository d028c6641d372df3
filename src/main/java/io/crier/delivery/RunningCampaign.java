package io.crier.delivery;

import java.util.UUID;

import io.crier.campaign.LaunchedCampaign.BounceLimit;
import io.crier.content.MessageContent;

/**
 * A campaign the engine is sending: its content, for a gradual campaign its pacing rule (null when
 * it sends as fast as the relays allow), and the bounce rate that pauses it (null: none).
 */
record RunningCampaign(UUID id, UUID workspaceId, MessageContent content, PacingRule pacing,
        BounceLimit bounceLimit) {
}
