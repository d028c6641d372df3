package io.crier.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.DatabaseTime;
import io.crier.shared.SealedColumn;
import io.crier.shared.SecretBox;
import io.crier.shared.Timestamps;

/**
 * The webhook outbox in SQL: rows go in with the event, nodes claim due ones under a lease on the
 * database's clock (which every node shares, and which a test's simulated clock does not move), and
 * each attempt is recorded with the row's next step.
 */
@Repository
class OutboxRepository {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final SealedColumn secrets;

    OutboxRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, SecretBox box) {
        this.jdbc = jdbc;
        this.named = named;
        this.secrets = WebhookRepository.secrets(box, jdbc);
    }

    /**
     * One batch insert; each row is due at once. Joins the caller's transaction. A webhook deleted
     * since the subscription cache read it gets no row, rather than failing the caller's
     * transaction (which may be the engine's outcome flush) on the foreign key.
     */
    void insert(List<OutboxRow> rows) {
        MapSqlParameterSource[] values = rows.stream().map(row -> new MapSqlParameterSource()
                        .addValue("id", row.id())
                        .addValue("webhookId", row.webhookId())
                        .addValue("workspaceId", row.workspaceId())
                        .addValue("event", row.event())
                        .addValue("body", row.body())
                        .addValue("now", Timestamps.toDb(row.createdAt())))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                insert into webhook_delivery (id, webhook_id, workspace_id, event, body, status, attempts,
                                              next_attempt_at, created_at, updated_at)
                select :id, w.id, :workspaceId, :event, :body, 'pending', 0, :now, :now, :now
                from webhook w where w.id = :webhookId""", values);
    }

    /**
     * Locks up to {@code limit} due rows no live lease holds, of active webhooks of workspaces other
     * than {@code skipped}, skipping rows another node is locking this moment, and leases them to
     * {@code nodeId}. Run in a transaction. A call queued for a webhook switched off since waits,
     * unattempted, until it is switched on again: switching off holds calls rather than losing them.
     */
    List<UUID> claimDue(Instant now, String nodeId, Duration lease, int limit, Collection<UUID> skipped) {
        List<UUID> ids = jdbc.sql("""
                select id from webhook_delivery
                where status = 'pending' and next_attempt_at <= :now
                  and (lease_until is null or lease_until < current_timestamp)
                  and exists (select 1 from webhook w where w.id = webhook_delivery.webhook_id and w.active)
                """ + (skipped.isEmpty() ? "" : "and workspace_id not in (:skipped)\n") + """
                limit :limit
                for update skip locked""")
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .params(skipped.isEmpty() ? Map.of() : Map.of("skipped", skipped))
                .query(UUID.class)
                .list();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    update webhook_delivery
                    set lease_owner = :nodeId, lease_until = current_timestamp + """ + DatabaseTime.MILLIS
                    + " where id in (:ids)")
                    .param("nodeId", nodeId)
                    .param("millis", lease.toMillis())
                    .param("ids", ids)
                    .update();
        }
        return ids;
    }

    /** Gives a claimed row back, due again at {@code at}, without counting an attempt. */
    void postpone(UUID id, Instant at, String nodeId) {
        jdbc.sql("""
                update webhook_delivery set next_attempt_at = :at, lease_owner = null, lease_until = null
                where id = :id and lease_owner = :nodeId""")
                .param("at", Timestamps.toDb(at))
                .param("id", id)
                .param("nodeId", nodeId)
                .update();
    }

    /** How many calls, of every node, are still to be made (due or waiting to be retried). */
    long countPending() {
        return jdbc.sql("select count(*) from webhook_delivery where status = 'pending'")
                .query(Long.class)
                .single();
    }

    List<ClaimedCall> load(List<UUID> ids) {
        return jdbc.sql("""
                select d.id, d.workspace_id, d.event, d.body, d.attempts, w.id webhook_id, w.url, w.secret, w.format
                from webhook_delivery d join webhook w on w.id = d.webhook_id
                where d.id in (:ids)""")
                .param("ids", ids)
                .query((rs, row) -> new ClaimedCall(rs.getObject("id", UUID.class),
                        rs.getObject("workspace_id", UUID.class), rs.getString("event"),
                        rs.getString("body"), rs.getInt("attempts"), URI.create(rs.getString("url")),
                        secrets.open(rs.getString("secret"), rs.getObject("webhook_id", UUID.class)),
                        WebhookFormat.of(rs.getString("format"))))
                .list();
    }

    /**
     * Records one attempt and the row's next step, if this node still holds the row's lease (a node
     * that lost it, being cut off for longer than the lease, leaves the row to the one that took it).
     * Run in a transaction.
     */
    void recordAttempt(ClaimedCall call, AttemptResult result, String nodeId) {
        int attempt = call.attempts() + 1;
        Instant next = result.delivered() ? null : RetrySchedule.next(attempt, result.at()).orElse(null);
        String status = result.delivered() ? DELIVERED : next == null ? FAILED : PENDING;
        int moved = jdbc.sql("""
                update webhook_delivery set status = :status, attempts = :attempt, next_attempt_at = :next,
                                            lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and lease_owner = :nodeId""")
                .param("status", status)
                .param("attempt", attempt)
                .param("next", Timestamps.toDb(next))
                .param("now", Timestamps.toDb(result.at()))
                .param("id", call.id())
                .param("nodeId", nodeId)
                .update();
        if (moved == 0) {
            return;
        }
        jdbc.sql("""
                insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                values (:id, :attempt, :at, :statusCode, :error, :duration)""")
                .param("id", call.id())
                .param("attempt", attempt)
                .param("at", Timestamps.toDb(result.at()))
                .param("statusCode", result.statusCode())
                .param("error", result.error())
                .param("duration", (int) Math.min(Integer.MAX_VALUE, result.durationMillis()))
                .update();
    }

    /**
     * Deletes up to {@code limit} delivered or failed calls whose last attempt was before
     * {@code cutoff}, with their attempts; returns how many.
     */
    int deleteFinishedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                delete from webhook_delivery where id in (
                    select id from webhook_delivery where status in (:finished) and updated_at < :cutoff limit :limit)""")
                .param("finished", List.of(DELIVERED, FAILED))
                .param("cutoff", Timestamps.toDb(cutoff))
                .param("limit", limit)
                .update();
    }

    /** A node stopping gives back what it claimed but did not get to send. */
    void release(List<UUID> ids, String nodeId) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    update webhook_delivery set lease_owner = null, lease_until = null
                    where id in (:ids) and lease_owner = :nodeId""")
                    .param("ids", ids)
                    .param("nodeId", nodeId)
                    .update();
        }
    }
}
