package io.crier.feedback;

import java.time.Instant;
import java.util.UUID;

/**
 * Published, in the transaction that applies it, once per piece of feedback matched to a delivery
 * and applied for the first time (webhooks and the like). A mailto unsubscribe is told as the
 * suppression module's {@code ContactUnsubscribed} instead, like its link.
 *
 * @param bounceType hard or soft, for a bounce; null otherwise
 * @param reason     a bounce's status and reason, or a complaint's feedback type
 * @param reply      a reply's sender, subject and text; null otherwise
 */
public record FeedbackApplied(UUID workspaceId, long deliveryId, UUID campaignId, String email, Kind kind,
        BounceType bounceType, String reason, Reply reply, Instant at) {

    /** What was heard. */
    public enum Kind { BOUNCE, COMPLAINT, REPLY }

    /** A reply as stored: {@code id} is its record's, for Leadterra's {@code data.reply.id}. */
    public record Reply(long id, String from, String subject, String text) {
    }
}
