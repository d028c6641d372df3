package io.crier.campaign;

import java.util.List;
import java.util.UUID;

import io.crier.content.MessageContent;
import io.crier.content.Tracking;

/**
 * A started campaign as the delivery engine needs it: its message, resolved from its template
 * where it uses one, for a gradual campaign its limits (null otherwise), the bounce rate that
 * pauses it (null: none), and the messages of its follow-up steps (step n is
 * {@code followUps.get(n - 1)}; their delays are the ledger's business), and what its messages
 * track (every step alike). {@code transactional}: a hidden campaign of one transactional call,
 * which the engine serves ahead of bulk campaigns.
 */
public record LaunchedCampaign(UUID id, UUID workspaceId, MessageContent content, Gradual gradual,
        BounceLimit bounceLimit, List<MessageContent> followUps, Tracking tracking, boolean transactional) {

    public LaunchedCampaign {
        followUps = List.copyOf(followUps);
    }

    /** Pause once at least {@code minSample} deliveries were sent or bounced and more than {@code rate} bounced. */
    public record BounceLimit(double rate, int minSample) {
    }

    /** Gradual limits; {@code growth} is the daily factor (1 for fixed). Null limits do not apply. */
    public record Gradual(Integer emailsPerDay, double growth, Integer perHour, Integer perMinute) {
    }
}
