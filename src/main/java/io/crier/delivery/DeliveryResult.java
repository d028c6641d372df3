package io.crier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * The recorded end of one attempt: the status the delivery moves to, the relay's reply, and for
 * a deferral the time of the next attempt.
 */
record DeliveryResult(long deliveryId, UUID campaignId, UUID workspaceId, String email, DeliveryStatus status,
        String reply, Instant retryAt) {
}
