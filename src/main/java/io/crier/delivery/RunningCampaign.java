package io.crier.delivery;

import java.util.UUID;

import io.crier.content.MessageContent;

/**
 * A campaign the engine is sending: its content and, for a gradual campaign, its pacing rule
 * (null when it sends as fast as the relays allow).
 */
record RunningCampaign(UUID id, UUID workspaceId, MessageContent content, PacingRule pacing) {
}
