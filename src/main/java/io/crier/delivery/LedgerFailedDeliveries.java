package io.crier.delivery;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.campaign.FailedDeliveries;

/**
 * Retry-failed on the ledger: failed deliveries go back to the queue and leave the campaign's
 * failed and processed counts, which their next outcome adds to again, so nothing counts twice.
 */
@Component
class LedgerFailedDeliveries implements FailedDeliveries {

    private final DeliveryRepository deliveries;

    LedgerFailedDeliveries(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public int requeue(UUID campaignId, Instant now) {
        int requeued = deliveries.requeueFailed(campaignId, now);
        if (requeued > 0) {
            deliveries.uncountFailed(campaignId, requeued);
        }
        return requeued;
    }
}
