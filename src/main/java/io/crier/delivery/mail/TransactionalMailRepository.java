package io.crier.delivery.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The ledger rows of transactional messages: queued (or recorded as suppressed) and read back by their id. */
@Repository
class TransactionalMailRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private static final String SELECT = """
            select d.*, b.categories, b.campaign_name, b.test, b.unsubscribe_group_id
            from delivery d left join mail_batch b on b.campaign_id = d.campaign_id""";
    // Transactional mail has no contact: saying so lets the workspace's look-up use the null
    // contact's part of delivery_contact instead of reading every delivery.
    private static final String FILTER = """
             where d.contact_id is null and d.workspace_id = :workspaceId and d.message_id is not null
               and (cast(:category as varchar) is null or b.categories like :category)
               and (cast(:campaignName as varchar) is null or b.campaign_name = :campaignName)""";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final CampaignCounters counters;
    private final JsonMapper json;

    TransactionalMailRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, CampaignCounters counters,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.named = named;
        this.counters = counters;
        this.json = json;
    }

    /** One message to queue, or to record as suppressed. */
    record NewMail(UUID messageId, String email, String name, String dynamicData, DeliveryStatus status,
            String recipientType) {
    }

    /** The messages' rows, due at {@code due}, and their campaign's counters; joins the caller's transaction. */
    void insert(UUID campaignId, UUID workspaceId, List<NewMail> mails, Instant now, Instant due) {
        MapSqlParameterSource[] rows = mails.stream().map(mail -> new MapSqlParameterSource()
                        .addValue("campaignId", campaignId)
                        .addValue("workspaceId", workspaceId)
                        .addValue("email", mail.email())
                        .addValue("status", mail.status().wire())
                        .addValue("now", Timestamps.toDb(now))
                        .addValue("due", Timestamps.toDb(due))
                        .addValue("type", mail.recipientType())
                        .addValue("messageId", mail.messageId())
                        .addValue("name", mail.name())
                        .addValue("dynamicData", mail.dynamicData()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                insert into delivery (campaign_id, workspace_id, step, email, status, not_before, attempts,
                                      updated_at, message_id, recipient_name, dynamic_data, created_at, recipient_type)
                values (:campaignId, :workspaceId, 0, :email, :status, :due, 0, :now, :messageId, :name,
                        :dynamicData, :now, :type)""", rows);
        long suppressed = mails.stream().filter(mail -> mail.status() == DeliveryStatus.SUPPRESSED).count();
        counters.setAudience(campaignId, mails.size() - suppressed, suppressed);
    }

    /**
     * Cancels the message if it still waits (queued, scheduled or deferred); a message already
     * claimed by a node, sent or otherwise finished stays as it is. Returns whether it changed.
     */
    boolean cancel(UUID workspaceId, UUID messageId, Instant now) {
        return jdbc.sql("update delivery set status = 'cancelled', updated_at = :now where workspace_id = :workspaceId"
                        + " and message_id = :messageId and status in ("
                        + DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.CANCELLED) + ")")
                .param("now", Timestamps.toDb(now))
                .param("workspaceId", workspaceId)
                .param("messageId", messageId)
                .update() == 1;
    }

    /** The message with this id in this workspace; empty for another workspace's, as for none. */
    Optional<MailView> find(UUID workspaceId, UUID messageId) {
        return jdbc.sql(SELECT + "\n where d.workspace_id = :workspaceId and d.message_id = :messageId")
                .param("workspaceId", workspaceId)
                .param("messageId", messageId)
                .query(this::view)
                .optional();
    }

    /**
     * A page of the workspace's messages, newest first, those of calls with this category and
     * campaignName where they are given (null: any), and the number of all that match.
     */
    List<MailView> list(UUID workspaceId, String category, String campaignName, int offset, int limit) {
        return jdbc.sql(SELECT + " " + FILTER
                        + " order by d.created_at desc, d.id desc offset :offset rows fetch next :limit rows only")
                .params(filter(workspaceId, category, campaignName))
                .param("offset", offset)
                .param("limit", limit)
                .query(this::view)
                .list();
    }

    long count(UUID workspaceId, String category, String campaignName) {
        return jdbc.sql("select count(*) from delivery d left join mail_batch b on b.campaign_id = d.campaign_id "
                        + FILTER)
                .params(filter(workspaceId, category, campaignName))
                .query(Long.class)
                .single();
    }

    private Map<String, Object> filter(UUID workspaceId, String category, String campaignName) {
        Map<String, Object> params = new HashMap<>();
        params.put("workspaceId", workspaceId);
        // categories is a JSON array of strings: a category matches as its quoted JSON form.
        params.put("category", category == null ? null
                : "%" + json.writeValueAsString(category).replaceAll("([\\\\%_])", "\\\\$1") + "%");
        params.put("campaignName", campaignName);
        return params;
    }

    private MailView view(ResultSet rs, int row) throws SQLException {
        DeliveryStatus status = DeliveryStatus.of(rs.getString("status"));
        UUID messageId = rs.getObject("message_id", UUID.class);
        Instant notBefore = Timestamps.read(rs, "not_before");
        Instant createdAt = Timestamps.read(rs, "created_at");
        String categories = rs.getString("categories");
        return new MailView(messageId, messageId, rs.getObject("campaign_id", UUID.class),
                new MailView.Address(rs.getString("email"), rs.getString("recipient_name")),
                rs.getString("recipient_type") == null ? "to" : rs.getString("recipient_type"),
                MailView.status(status), rs.getInt("attempts"), rs.getString("last_reply"),
                status == DeliveryStatus.DEFERRED ? notBefore : null,
                status == DeliveryStatus.QUEUED && notBefore.isAfter(createdAt) ? notBefore : null,
                Timestamps.read(rs, "sent_at"),
                categories == null ? List.of() : json.readValue(categories, STRINGS),
                rs.getString("campaign_name"), rs.getBoolean("test"), rs.getString("unsubscribe_group_id"),
                createdAt, Timestamps.read(rs, "updated_at"));
    }
}
