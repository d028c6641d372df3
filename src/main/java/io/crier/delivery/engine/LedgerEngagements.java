package io.crier.delivery.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;
import io.crier.suppression.UnsubscribedDeliveries;
import io.crier.tracking.TrackedDeliveries;

/**
 * What the recipient did with a delivery, on the ledger: the opens, clicks and unsubscribes that
 * tracking and suppression record through their interfaces, in their transactions.
 */
@Repository
class LedgerEngagements implements TrackedDeliveries, UnsubscribedDeliveries {

    private final JdbcClient jdbc;

    LedgerEngagements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TrackedDelivery> lock(long deliveryId) {
        return jdbc.sql("""
                select id, workspace_id, campaign_id, contact_id, email, step, sent_at from delivery where id = :id
                for update""")
                .param("id", deliveryId)
                .query((rs, row) -> new TrackedDelivery(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
                        rs.getObject("campaign_id", UUID.class), rs.getObject("contact_id", UUID.class),
                        rs.getString("email"), rs.getInt("step"), Timestamps.read(rs, "sent_at")))
                .optional();
    }

    @Override
    public boolean markFirstEngagement(long deliveryId, boolean click, Instant now) {
        return jdbc.sql(click
                        ? "update delivery set clicked_at = :now where id = :id and clicked_at is null"
                        : "update delivery set opened_at = :now where id = :id and opened_at is null")
                .param("now", Timestamps.toDb(now))
                .param("id", deliveryId)
                .update() == 1;
    }

    @Override
    public Optional<Recipient> recipient(long deliveryId) {
        return jdbc.sql("select id, workspace_id, campaign_id, email from delivery where id = :id")
                .param("id", deliveryId)
                .query((rs, row) -> new Recipient(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
                        rs.getObject("campaign_id", UUID.class), rs.getString("email")))
                .optional();
    }

    @Override
    public boolean markUnsubscribed(long deliveryId, Instant now) {
        return jdbc.sql("update delivery set unsubscribed_at = :now where id = :id and unsubscribed_at is null")
                .param("now", Timestamps.toDb(now))
                .param("id", deliveryId)
                .update() == 1;
    }
}
