package io.crier.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * The campaign module's view of a campaign's failed deliveries, which the delivery engine owns and
 * implements: retry-failed re-queues them in the same transaction that records the retry on the
 * campaign.
 */
public interface FailedDeliveries {

    /**
     * Puts the campaign's failed deliveries back in the queue, due at {@code now}, and takes them
     * out of its failed and processed counters; joins the caller's transaction. Returns how many.
     */
    int requeue(UUID campaignId, Instant now);
}
