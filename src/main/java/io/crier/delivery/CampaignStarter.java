package io.crier.delivery;

import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignRef;
import io.crier.shared.Timestamps;

/**
 * Starts a due campaign exactly once, however many nodes try: the campaign's move from
 * {@code scheduled} to sending, its audience snapshot and its counters commit together, and only
 * the node whose conditional move succeeded takes the snapshot.
 */
@Component
class CampaignStarter {

    private final CampaignRuns campaigns;
    private final DeliveryRepository deliveries;
    private final GradualPacer pacer;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CampaignStarter(CampaignRuns campaigns, DeliveryRepository deliveries, GradualPacer pacer, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.pacer = pacer;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** True when this call started the campaign. */
    boolean startIfDue(CampaignRef due) {
        return Boolean.TRUE.equals(transactions.execute(status -> campaigns.start(due).map(campaign -> {
            Instant now = Timestamps.now(clock);
            int queued = deliveries.snapshot(campaign.id(), campaign.workspaceId(), 0, now, now);
            int suppressed = deliveries.countSuppressed(campaign.id(), campaign.workspaceId());
            jdbc.sql("update campaign_stats set total_contacts = :total, suppressed = :suppressed where campaign_id = :id")
                    .param("id", campaign.id())
                    .param("total", queued)
                    .param("suppressed", suppressed)
                    .update();
            if (campaign.pacing() != null) {
                pacer.begin(campaign.id(), now);
            }
            return true;
        }).orElse(false)));
    }
}
