package io.crier.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/**
 * A webhook's call log (the API calls it the delivery log): each event sent to it, newest first,
 * with every attempt.
 */
@Repository
class CallLog {

    /** One event for the webhook: {@code pending} (waiting for its next attempt), {@code delivered} or {@code failed}. */
    record Entry(UUID id, String event, String status, List<Attempt> attempts, Instant nextAttemptAt,
            Instant createdAt) {
    }

    /** One request: the receiver's status code, or the error when there was no answer. */
    record Attempt(int attempt, Instant at, Integer statusCode, String error, int durationMs) {
    }

    private final JdbcClient jdbc;

    CallLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement, so each entry and its attempts are read from one snapshot: read apart, an
     * attempt committed in between would show beside the row's previous next attempt.
     */
    List<Entry> page(UUID workspaceId, UUID webhookId, PageQuery query) {
        Map<UUID, Entry> entries = new LinkedHashMap<>();
        jdbc.sql("""
                select d.id, d.event, d.status, d.next_attempt_at, d.created_at,
                       a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms
                from (select id, event, status, next_attempt_at, created_at from webhook_delivery
                      where workspace_id = :workspaceId and webhook_id = :webhookId
                      order by created_at desc, id limit :limit offset :offset) d
                left join webhook_attempt a on a.delivery_id = d.id
                order by d.created_at desc, d.id, a.attempt""")
                .param("workspaceId", workspaceId)
                .param("webhookId", webhookId)
                .param("limit", query.limit())
                .param("offset", query.offset())
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Entry entry = entries.get(id);
                    if (entry == null) {
                        entry = new Entry(id, rs.getString("event"), rs.getString("status"), new ArrayList<>(),
                                Timestamps.read(rs, "next_attempt_at"), Timestamps.read(rs, "created_at"));
                        entries.put(id, entry);
                    }
                    if (rs.getObject("attempt") != null) {
                        entry.attempts().add(new Attempt(rs.getInt("attempt"), Timestamps.read(rs, "attempted_at"),
                                rs.getObject("status_code", Integer.class), rs.getString("error"),
                                rs.getInt("duration_ms")));
                    }
                });
        return List.copyOf(entries.values());
    }

    long count(UUID workspaceId, UUID webhookId) {
        return jdbc.sql("select count(*) from webhook_delivery where workspace_id = :workspaceId"
                        + " and webhook_id = :webhookId")
                .param("workspaceId", workspaceId)
                .param("webhookId", webhookId)
                .query(Long.class)
                .single();
    }
}
