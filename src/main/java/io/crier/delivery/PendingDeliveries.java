package io.crier.delivery;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules (the vendor dialects) may ask of the ledger: how many of a campaign's
 * messages wait to be sent, held while it is paused.
 */
@Component
public class PendingDeliveries {

    private final JdbcClient jdbc;

    PendingDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The campaign's deliveries that are queued or deferred (due or not: steps waiting for their
     * delay count too), through the {@code delivery_due} index; zero for another workspace's campaign.
     */
    public long count(UUID workspaceId, UUID campaignId) {
        long count = 0;
        for (DeliveryStatus status : DeliveryStatus.PENDING) {
            count += jdbc.sql("select count(*) from delivery where campaign_id = :campaignId and status = :status"
                            + " and workspace_id = :workspaceId")
                    .param("campaignId", campaignId)
                    .param("status", status.wire())
                    .param("workspaceId", workspaceId)
                    .query(Long.class)
                    .single();
        }
        return count;
    }
}
