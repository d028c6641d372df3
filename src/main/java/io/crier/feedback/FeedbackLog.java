package io.crier.feedback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/**
 * The {@code feedback_event} table: each piece of feedback applied, once per delivery and
 * fingerprint, so the same report heard twice (a DSN and the provider's event, a retried webhook)
 * is applied once; replies with their text, soft bounces per address.
 */
@Repository
class FeedbackLog {

    static final int MAX_REASON = 1000;
    static final int MAX_FROM = 320;
    static final int MAX_SUBJECT = 998;
    static final int MAX_REPLY_TEXT = 100_000;

    private final JdbcClient jdbc;

    FeedbackLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row to add; the text fields are stored as {@link StoredText} makes them. */
    record Entry(UUID workspaceId, long deliveryId, UUID campaignId, String email, String kind, String bounceType,
            String status, String reason, String replyFrom, String replySubject, String replyText,
            String fingerprint, Instant at) {
    }

    /** Whether this delivery has feedback with this fingerprint already. */
    boolean has(long deliveryId, String fingerprint) {
        return jdbc.sql("select count(*) from feedback_event where delivery_id = :deliveryId and fingerprint = :fingerprint")
                .param("deliveryId", deliveryId)
                .param("fingerprint", fingerprint)
                .query(Integer.class)
                .single() > 0;
    }

    /** Adds the entry (the unique key refuses a duplicate added at the same moment); returns its id. */
    long add(Entry entry) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into feedback_event (workspace_id, delivery_id, campaign_id, email, kind, bounce_type, status,
                    reason, reply_from, reply_subject, reply_text, fingerprint, occurred_at)
                values (:workspaceId, :deliveryId, :campaignId, :email, :kind, :bounceType, :status, :reason,
                    :replyFrom, :replySubject, :replyText, :fingerprint, :at)""")
                .param("workspaceId", entry.workspaceId())
                .param("deliveryId", entry.deliveryId())
                .param("campaignId", entry.campaignId())
                .param("email", entry.email())
                .param("kind", entry.kind())
                .param("bounceType", entry.bounceType())
                .param("status", StoredText.of(entry.status(), 32))
                .param("reason", StoredText.of(entry.reason(), MAX_REASON))
                .param("replyFrom", StoredText.of(entry.replyFrom(), MAX_FROM))
                .param("replySubject", StoredText.of(entry.replySubject(), MAX_SUBJECT))
                .param("replyText", StoredText.of(entry.replyText(), MAX_REPLY_TEXT))
                .param("fingerprint", entry.fingerprint())
                .param("at", Timestamps.toDb(entry.at()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** How many pieces of feedback of this kind the delivery has had. */
    int count(long deliveryId, String kind) {
        return jdbc.sql("select count(*) from feedback_event where delivery_id = :deliveryId and kind = :kind")
                .param("deliveryId", deliveryId)
                .param("kind", kind)
                .query(Integer.class)
                .single();
    }

    /** Soft bounces of this (stored-form) address in the workspace since then. */
    int softBouncesSince(UUID workspaceId, String email, Instant since) {
        return jdbc.sql("""
                select count(*) from feedback_event where workspace_id = :workspaceId and email = :email
                    and kind = 'bounce' and bounce_type = 'soft' and occurred_at >= :since""")
                .param("workspaceId", workspaceId)
                .param("email", email)
                .param("since", Timestamps.toDb(since))
                .query(Integer.class)
                .single();
    }

    /** The workspace's replies, newest first, older than {@code beforeId} when given, of one campaign when given. */
    List<FeedbackReplies.StoredReply> replies(UUID workspaceId, UUID campaignId, Long beforeId, int limit) {
        return jdbc.sql("""
                select id, campaign_id, delivery_id, email, reply_from, reply_subject, reply_text, occurred_at
                from feedback_event where workspace_id = :workspaceId and kind = 'reply'
                %s %s order by id desc fetch first :limit rows only""".formatted(
                        campaignId == null ? "" : "and campaign_id = :campaignId",
                        beforeId == null ? "" : "and id < :beforeId"))
                .param("workspaceId", workspaceId)
                .param("campaignId", campaignId)
                .param("beforeId", beforeId)
                .param("limit", limit)
                .query((rs, row) -> new FeedbackReplies.StoredReply(rs.getLong("id"),
                        rs.getObject("campaign_id", UUID.class), rs.getLong("delivery_id"), rs.getString("email"),
                        rs.getString("reply_from"), rs.getString("reply_subject"), rs.getString("reply_text"),
                        Timestamps.read(rs, "occurred_at")))
                .list();
    }
}
