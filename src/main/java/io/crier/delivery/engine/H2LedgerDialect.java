package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryStatus;
import io.crier.shared.DatabaseTime;
import io.crier.shared.Timestamps;

/**
 * The hot path in SQL that H2 can run (no {@code RETURNING}, no {@code UPDATE … FROM}, no arrays):
 * a claim locks, then leases, then loads; a renewal locks, then extends; an outcome flush is one
 * JDBC batch of an update per row.
 */
final class H2LedgerDialect implements LedgerDialect {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ClaimedRows rows;

    H2LedgerDialect(JdbcClient jdbc, NamedParameterJdbcTemplate named, ClaimedRows rows) {
        this.jdbc = jdbc;
        this.named = named;
        this.rows = rows;
    }

    /**
     * One: H2 writes each chunk through one store, so a second worker queued a million recipients no
     * sooner (76–81 s against 80–83 s, docs/benchmarks.md) for a fifth more CPU that sending needs.
     */
    @Override
    public int snapshotWorkers() {
        return 1;
    }

    @Override
    public List<Long> lockDue(UUID campaignId, Instant now, int limit) {
        List<Long> ids = new ArrayList<>(lockDue(campaignId, DeliveryStatus.QUEUED, now, limit));
        if (ids.size() < limit) {
            ids.addAll(lockDue(campaignId, DeliveryStatus.DEFERRED, now, limit - ids.size()));
        }
        return ids;
    }

    private List<Long> lockDue(UUID campaignId, DeliveryStatus status, Instant now, int limit) {
        return jdbc.sql(ClaimedRows.lockDue(status, ":limit"))
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    @Override
    public List<ClaimedDelivery> claim(List<Long> lockedIds, String nodeId, Instant now, Duration lease) {
        if (lockedIds.isEmpty()) {
            return List.of();
        }
        jdbc.sql("update delivery set " + ClaimedRows.CLAIM + " where id in (:ids)")
                .param("nodeId", nodeId)
                .param("millis", lease.toMillis())
                .param("now", Timestamps.toDb(now))
                .param("ids", lockedIds)
                .update();
        return jdbc.sql(ClaimedRows.load("delivery") + " where d.id in (:ids) order by d.id")
                .param("ids", lockedIds)
                .query(rows)
                .list();
    }

    /** Rows the recorder holds locked are skipped, not waited for (see {@link Claims#renewLeases}). */
    @Override
    public int renewLeases(String nodeId, Duration lease, Duration renewBelow) {
        List<Long> held = jdbc.sql(("select id from delivery where status = " + DeliveryStatus.CLAIMED.sql()
                        + " and lease_owner = :nodeId and lease_until < current_timestamp + %s for update skip locked")
                        .formatted(DatabaseTime.MILLIS))
                .param("nodeId", nodeId)
                .param("millis", renewBelow.toMillis())
                .query(Long.class)
                .list();
        if (held.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update delivery set lease_until = current_timestamp + %s where id in (:ids)"
                        .formatted(DatabaseTime.MILLIS))
                .param("millis", lease.toMillis())
                .param("ids", held)
                .update();
    }

    @Override
    public boolean[] recordOutcomes(List<DeliveryResult> results, String nodeId, Instant now) {
        MapSqlParameterSource[] batch = results.stream().map(result -> new MapSqlParameterSource()
                        .addValue("id", result.deliveryId())
                        .addValue("status", result.status().wire())
                        .addValue("reply", result.reply())
                        .addValue("attempted", result.attempted())
                        .addValue("sentAt", result.status() == DeliveryStatus.SENT ? Timestamps.toDb(now) : null)
                        .addValue("retryAt", Timestamps.toDb(result.retryAt()))
                        .addValue("now", Timestamps.toDb(now))
                        .addValue("nodeId", nodeId))
                .toArray(MapSqlParameterSource[]::new);
        int[] updated = named.batchUpdate("""
                update delivery set status = :status, attempts = attempts + :attempted, last_reply = :reply,
                                    sent_at = :sentAt, not_before = coalesce(:retryAt, not_before),
                                    lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and status in (%s) and lease_owner = :nodeId"""
                .formatted(ClaimedRows.outcomeGuard(results)), batch);
        boolean[] moved = new boolean[results.size()];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = updated[i] > 0;
        }
        return moved;
    }
}
