package io.crier.feedback;

import java.util.UUID;

/**
 * Where every way in hands what it heard: matches the feedback to its delivery (by the envelope
 * recipient's token, then a quoted Message-ID, then recipient and campaign) and applies it once.
 * Applying the same feedback twice changes nothing the second time.
 */
public interface FeedbackIntake {

    /**
     * Matches and applies one piece of feedback.
     *
     * @param workspaceId the workspace the source belongs to (a workspace's mailbox or webhook
     *                    token), whose deliveries alone it may match; null for the shared inbound
     *                    listener, where only a signed token or Message-ID proves the workspace
     */
    Result accept(Feedback feedback, UUID workspaceId);

    /** What became of it. */
    sealed interface Result {
    }

    /** Tied to this delivery and applied (or found applied already). */
    record Applied(long deliveryId, UUID workspaceId) implements Result {
    }

    /** Tied to nothing this source may touch; the reason is kept with the message. */
    record Unmatched(String reason) implements Result {
    }
}
