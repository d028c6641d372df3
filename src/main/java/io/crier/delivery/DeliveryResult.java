package io.crier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * The recorded end of one attempt: the status the delivery moves to, the relay's reply, for a
 * deferral the time of the next attempt, the delivery's step, and whether the campaign has a step
 * after it (which a sent delivery queues).
 */
record DeliveryResult(long deliveryId, UUID campaignId, UUID workspaceId, String email, DeliveryStatus status,
        String reply, Instant retryAt, int step, boolean stepFollows) {

    /** A sent delivery whose contact gets the campaign's next step. */
    boolean queuesNextStep() {
        return status == DeliveryStatus.SENT && stepFollows;
    }
}
