package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crier.content.MessageContent;
import io.crier.content.Threading;
import io.crier.content.Tracking;

/**
 * A started campaign as the delivery engine needs it: its message, resolved from its template
 * where it uses one, for a gradual campaign its limits (null otherwise), the bounce rate that
 * pauses it (null: none), and the messages of its follow-up steps (step n is
 * {@code followUps.get(n - 1)}; their delays are the ledger's business), and what its messages
 * track (every step alike). {@code transactional}: a hidden campaign of one transactional call,
 * which the engine serves ahead of bulk campaigns. {@code sendingWindow}: when it may send (null: any time).
 * {@code trackReplies}: its messages' Reply-To is each delivery's reply address, where a reply domain is set.
 * {@code threading}: the In-Reply-To and References of a transactional reply ({@link Threading#NONE} otherwise).
 */
public record LaunchedCampaign(UUID id, UUID workspaceId, MessageContent content, Gradual gradual,
        BounceLimit bounceLimit, List<MessageContent> followUps, Tracking tracking, boolean transactional,
        SendingWindow sendingWindow, boolean trackReplies, Threading threading) {

    public LaunchedCampaign {
        followUps = List.copyOf(followUps);
        threading = threading == null ? Threading.NONE : threading;
    }

    /** A campaign that answers no conversation. */
    public LaunchedCampaign(UUID id, UUID workspaceId, MessageContent content, Gradual gradual,
            BounceLimit bounceLimit, List<MessageContent> followUps, Tracking tracking, boolean transactional,
            SendingWindow sendingWindow, boolean trackReplies) {
        this(id, workspaceId, content, gradual, bounceLimit, followUps, tracking, transactional, sendingWindow,
                trackReplies, Threading.NONE);
    }

    /** Whether its sending window (if it has one) lets it send at {@code now}. */
    public boolean maySendAt(Instant now) {
        return sendingWindow == null || sendingWindow.isOpen(now);
    }

    /** The campaign as the lifecycle calls name it. */
    public CampaignRef ref() {
        return new CampaignRef(id, workspaceId);
    }

    /** The message of {@code step}: 0 is the campaign's own, n is {@code followUps.get(n - 1)}. */
    public MessageContent content(int step) {
        return step == 0 ? content : followUps.get(step - 1);
    }

    /** Whether sending {@code step} to a contact queues another step for them. */
    public boolean hasStepAfter(int step) {
        return step < followUps.size();
    }

    /** Pause once at least {@code minSample} deliveries were sent or bounced and more than {@code rate} bounced. */
    public record BounceLimit(double rate, int minSample) {
    }

    /** Gradual limits; {@code growth} is the daily factor (1 for fixed). Null limits do not apply. */
    public record Gradual(Integer emailsPerDay, double growth, Integer perHour, Integer perMinute) {
    }
}
