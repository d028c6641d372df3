package io.crier.feedback.inbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/**
 * The inbound queue as a workspace's API reads it: the messages it owns, except feedback reports
 * already applied (a bounce, a complaint, an unsubscribe, an auto-reply or a read receipt that
 * was processed: the feedback APIs show what they did). Queued and parked messages of any kind are
 * listed, so an operator sees what is waiting and what failed, and can queue a parked one again.
 */
@Repository
class InboundFolder {

    private static final String SHOWN = " and (state <> 'processed' or kind = 'reply')";
    private static final String COLUMNS = """
            id, message_id, envelope_recipients, state, kind, reason, attempts, from_address, header_from,
            header_to, header_cc, subject, thread_id, attachment_count, received_at, updated_at""";

    /** One message as its listing row has it. */
    record Row(long id, String messageId, List<String> envelopeRecipients, String state, String kind, String reason,
            int attempts, String fromAddress, String headerFrom, String headerTo, String headerCc, String subject,
            String threadId, Integer attachmentCount, Instant receivedAt, Instant updatedAt) {
    }

    /**
     * What a listing asks for; null fields do not filter. {@code to} and {@code search} match parts
     * of the recipients, and of the subject or sender, ignoring case.
     */
    record Filter(String state, String from, String to, String threadId, String search, Instant dateFrom,
            Instant dateTo) {
    }

    private final JdbcClient jdbc;

    InboundFolder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the workspace's messages the filter matches, newest first. */
    List<Row> page(UUID workspaceId, Filter filter, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(workspaceId, filter, params);
        return jdbc.sql("select " + COLUMNS + " from inbound_message" + where
                        + " order by id desc limit :limit offset :offset")
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> row(rs))
                .list();
    }

    long count(UUID workspaceId, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from inbound_message" + where(workspaceId, filter, params))
                .params(params).query(Long.class).single();
    }

    /** One message the workspace's API shows, with its raw bytes. */
    Optional<Stored> find(UUID workspaceId, long id) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql("select " + COLUMNS + ", raw from inbound_message"
                        + where(workspaceId, new Filter(null, null, null, null, null, null, null), params)
                        + " and id = :id")
                .params(params)
                .query((rs, n) -> new Stored(row(rs), rs.getBytes("raw")))
                .optional();
    }

    /** The bytes of a message some workspace owns, whichever it is (a signed link names it). */
    Optional<byte[]> raw(long id) {
        return jdbc.sql("select raw from inbound_message where id = :id and owner_workspace is not null")
                .param("id", id).query((rs, n) -> rs.getBytes("raw")).optional();
    }

    /** A message and its bytes. */
    record Stored(Row row, byte[] raw) {
    }

    /**
     * Queues a parked message of the workspace again, due at once, its tries counted afresh; false
     * when it is not parked (queued already: nothing to do; processed: nothing to retry).
     */
    boolean requeue(UUID workspaceId, long id, Instant now) {
        return jdbc.sql("""
                update inbound_message set state = :queued, attempts = 0, not_before = :now, updated_at = :now
                where id = :id and owner_workspace = :workspaceId and state = :parked""")
                .param("queued", InboundMessages.QUEUED)
                .param("parked", InboundMessages.PARKED)
                .param("now", Timestamps.toDb(now))
                .param("id", id)
                .param("workspaceId", workspaceId)
                .update() == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("message_id"),
                EnvelopeRecipients.split(rs.getString("envelope_recipients")), rs.getString("state"),
                rs.getString("kind"), rs.getString("reason"), rs.getInt("attempts"), rs.getString("from_address"),
                rs.getString("header_from"), rs.getString("header_to"), rs.getString("header_cc"),
                rs.getString("subject"), rs.getString("thread_id"), (Integer) rs.getObject("attachment_count"),
                Timestamps.read(rs, "received_at"), Timestamps.read(rs, "updated_at"));
    }

    private static String where(UUID workspaceId, Filter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where owner_workspace = :workspaceId").append(SHOWN);
        params.put("workspaceId", workspaceId);
        if (filter.state() != null) {
            where.append(" and state = :state");
            params.put("state", filter.state());
        }
        if (filter.from() != null) {
            where.append(" and from_address = :from");
            params.put("from", filter.from().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.to() != null) {
            where.append(" and (lower(header_to) like :to escape '!' or lower(envelope_recipients) like :to escape '!')");
            params.put("to", containing(filter.to()));
        }
        if (filter.threadId() != null) {
            where.append(" and thread_id = :threadId");
            params.put("threadId", filter.threadId().strip());
        }
        if (filter.search() != null) {
            where.append(" and (lower(subject) like :search escape '!' or lower(header_from) like :search escape '!')");
            params.put("search", containing(filter.search()));
        }
        if (filter.dateFrom() != null) {
            where.append(" and received_at >= :dateFrom");
            params.put("dateFrom", Timestamps.toDb(filter.dateFrom()));
        }
        if (filter.dateTo() != null) {
            where.append(" and received_at <= :dateTo");
            params.put("dateTo", Timestamps.toDb(filter.dateTo()));
        }
        return where.toString();
    }

    private static String containing(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                + "%";
    }
}
