package io.crier.delivery.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.campaign.CampaignCounters;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.Timestamps;

/** The ledger rows of transactional messages: queued (or recorded as suppressed) and read back by their id. */
@Repository
class TransactionalMailRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final CampaignCounters counters;

    TransactionalMailRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, CampaignCounters counters) {
        this.jdbc = jdbc;
        this.named = named;
        this.counters = counters;
    }

    /** One message to queue, or to record as suppressed. */
    record NewMail(UUID messageId, String email, String name, String dynamicData, DeliveryStatus status) {
    }

    /** The messages' rows, due at once, and their campaign's counters; joins the caller's transaction. */
    void insert(UUID campaignId, UUID workspaceId, List<NewMail> mails, Instant now) {
        MapSqlParameterSource[] rows = mails.stream().map(mail -> new MapSqlParameterSource()
                        .addValue("campaignId", campaignId)
                        .addValue("workspaceId", workspaceId)
                        .addValue("email", mail.email())
                        .addValue("status", mail.status().wire())
                        .addValue("now", Timestamps.toDb(now))
                        .addValue("messageId", mail.messageId())
                        .addValue("name", mail.name())
                        .addValue("dynamicData", mail.dynamicData()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                insert into delivery (campaign_id, workspace_id, step, email, status, not_before, attempts,
                                      updated_at, message_id, recipient_name, dynamic_data, created_at)
                values (:campaignId, :workspaceId, 0, :email, :status, :now, 0, :now, :messageId, :name,
                        :dynamicData, :now)""", rows);
        long suppressed = mails.stream().filter(mail -> mail.status() == DeliveryStatus.SUPPRESSED).count();
        counters.setAudience(campaignId, mails.size() - suppressed, suppressed);
    }

    /** The message with this id in this workspace; empty for another workspace's, as for none. */
    Optional<MailView> find(UUID workspaceId, UUID messageId) {
        return jdbc.sql("select * from delivery where workspace_id = :workspaceId and message_id = :messageId")
                .param("workspaceId", workspaceId)
                .param("messageId", messageId)
                .query((rs, row) -> {
                    DeliveryStatus status = DeliveryStatus.of(rs.getString("status"));
                    return new MailView(messageId, messageId, rs.getObject("campaign_id", UUID.class),
                            new MailView.Address(rs.getString("email"), rs.getString("recipient_name")),
                            MailView.status(status), rs.getInt("attempts"), rs.getString("last_reply"),
                            status == DeliveryStatus.DEFERRED ? Timestamps.read(rs, "not_before") : null,
                            Timestamps.read(rs, "sent_at"), Timestamps.read(rs, "created_at"),
                            Timestamps.read(rs, "updated_at"));
                })
                .optional();
    }
}
