package io.crier.delivery.engine;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.FailedDeliveries;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.Timestamps;

/**
 * Retry-failed on the ledger: failed deliveries go back to the queue and leave the campaign's
 * failed and processed counts, which their next outcome adds to again, so nothing counts twice.
 */
@Component
class LedgerFailedDeliveries implements FailedDeliveries {

    private final JdbcClient jdbc;
    private final CampaignCounters counters;

    LedgerFailedDeliveries(JdbcClient jdbc, CampaignCounters counters) {
        this.jdbc = jdbc;
        this.counters = counters;
    }

    @Override
    public int requeue(UUID campaignId, Instant now) {
        int requeued = requeueFailed(campaignId, now);
        if (requeued > 0) {
            counters.uncountFailed(campaignId, requeued);
        }
        return requeued;
    }

    /** Retry-failed: failed deliveries go back to the queue, due at once. */
    private int requeueFailed(UUID campaignId, Instant now) {
        return jdbc.sql("update delivery set status = 'queued', not_before = :now, updated_at = :now"
                        + " where campaign_id = :campaignId and status in ("
                        + DeliveryStatus.guard(EnumSet.of(DeliveryStatus.FAILED), DeliveryStatus.QUEUED) + ")")
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .update();
    }
}
