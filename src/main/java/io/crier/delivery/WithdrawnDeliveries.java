package io.crier.delivery;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;
import io.crier.suppression.AddressesSuppressed;

/**
 * Mail still waiting for an address that has just been suppressed (an unsubscribe, an entry through
 * the API) is withdrawn in the same transaction: its queued and deferred deliveries in every campaign
 * of the workspace become {@code suppressed}, and each campaign counts them. A delivery claimed at
 * that instant is already on its way, like a send in flight when a campaign pauses.
 */
@Component
class WithdrawnDeliveries {

    private static final String PENDING = DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.SUPPRESSED);

    private final JdbcClient jdbc;
    private final Clock clock;

    WithdrawnDeliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void withdraw(AddressesSuppressed suppressed) {
        List<UUID> campaigns = jdbc.sql("select distinct campaign_id from delivery where workspace_id = :workspaceId"
                        + " and email in (:emails) and status in (" + PENDING + ")")
                .param("workspaceId", suppressed.workspaceId())
                .param("emails", suppressed.emails())
                .query(UUID.class)
                .list();
        for (UUID campaignId : campaigns) {
            // Counted from what the update changed: a claim may have taken a row since the select.
            int withdrawn = jdbc.sql("update delivery set status = 'suppressed', last_reply = :reply, updated_at = :now"
                            + " where workspace_id = :workspaceId and email in (:emails) and campaign_id = :campaignId"
                            + " and status in (" + PENDING + ")")
                    .param("reply", "not sent: the address was suppressed (" + suppressed.reason().wire() + ")")
                    .param("now", Timestamps.toDb(Timestamps.now(clock)))
                    .param("workspaceId", suppressed.workspaceId())
                    .param("emails", suppressed.emails())
                    .param("campaignId", campaignId)
                    .update();
            jdbc.sql("update campaign_stats set suppressed = suppressed + :withdrawn where campaign_id = :campaignId")
                    .param("withdrawn", withdrawn)
                    .param("campaignId", campaignId)
                    .update();
        }
    }
}
