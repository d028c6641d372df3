package io.crier.delivery;

import java.util.List;
import java.util.UUID;

import io.crier.campaign.LaunchedCampaign.BounceLimit;
import io.crier.content.MessageContent;
import io.crier.content.Tracking;

/**
 * A campaign the engine is sending: its content, for a gradual campaign its pacing rule (null when
 * it sends as fast as the relays allow), the bounce rate that pauses it (null: none), and the
 * content of its follow-up steps (step n is {@code followUps.get(n - 1)}), what its messages track,
 * and whether it is one transactional call's, served ahead of bulk campaigns ({@link ClaimPlan}).
 */
record RunningCampaign(UUID id, UUID workspaceId, MessageContent content, PacingRule pacing,
        BounceLimit bounceLimit, List<MessageContent> followUps, Tracking tracking, boolean transactional) {

    MessageContent content(int step) {
        return step == 0 ? content : followUps.get(step - 1);
    }

    /** Whether sending {@code step} to a contact queues another step for them. */
    boolean hasStepAfter(int step) {
        return step < followUps.size();
    }
}
