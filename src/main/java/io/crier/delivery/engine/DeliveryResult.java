package io.crier.delivery.engine;

import java.time.Instant;
import java.util.UUID;

import io.crier.delivery.DeliveryStatus;

/**
 * The recorded end of one attempt: the status the delivery moves to, the relay's reply, for a
 * deferral the time of the next attempt, the delivery's step, and whether the campaign has a step
 * after it (which a sent delivery queues).
 */
public record DeliveryResult(long deliveryId, UUID campaignId, UUID workspaceId, String email, DeliveryStatus status,
        String reply, Instant retryAt, int step, boolean stepFollows) {

    /** The ledger's {@code last_reply} column holds this many characters: a longer reply would fail the flush. */
    public static final int MAX_REPLY = 1000;

    public DeliveryResult {
        if (reply != null && reply.length() > MAX_REPLY) {
            reply = reply.substring(0, MAX_REPLY - 1) + "…";
        }
    }

    /** This attempt's end as a failure the ledger can hold, when recording it as it was did not work. */
    DeliveryResult failedToRecord(String reason) {
        return new DeliveryResult(deliveryId, campaignId, workspaceId, email, DeliveryStatus.FAILED, reason, null, step,
                false);
    }

    /** What this outcome adds to the delivery's attempts: none for one cancelled before it was sent. */
    int attempted() {
        return status == DeliveryStatus.CANCELLED ? 0 : 1;
    }

    /** A sent delivery whose contact gets the campaign's next step. */
    boolean queuesNextStep() {
        return status == DeliveryStatus.SENT && stepFollows;
    }
}
