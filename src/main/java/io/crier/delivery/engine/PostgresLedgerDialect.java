package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryStatus;
import io.crier.shared.DatabaseTime;
import io.crier.shared.Timestamps;

/**
 * The hot path in one statement each, as PostgreSQL can: a claim is an {@code UPDATE} of the rows
 * a {@code for update skip locked} sub-select locks, {@code RETURNING} them to the select that
 * joins their contacts; a renewal likewise; an outcome flush is one {@code UPDATE … FROM unnest}
 * of the outcomes as arrays, returning the ids of the rows that moved.
 */
final class PostgresLedgerDialect implements LedgerDialect {

    private final JdbcClient jdbc;
    private final ClaimedRows rows;

    PostgresLedgerDialect(JdbcClient jdbc, ClaimedRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** Queued rows first, deferred ones only for the room they leave. */
    private static final String DUE = """
            with queued as (%s),
                 deferred as (%s)
            """.formatted(ClaimedRows.lockDue(DeliveryStatus.QUEUED, ":limit"),
            ClaimedRows.lockDue(DeliveryStatus.DEFERRED, "greatest(:limit - (select count(*) from queued), 0)"));

    /** Two: each range's insert keeps a database backend busy, so two queue a large start side by side. */
    @Override
    public int snapshotWorkers() {
        return 2;
    }

    @Override
    public List<Long> lockDue(UUID campaignId, Instant now, int limit) {
        return jdbc.sql(DUE + "select id from queued union all select id from deferred")
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
        return jdbc.sql(claiming("id = any(cast(:ids as bigint[]))"))
                .param("ids", lockedIds.stream().mapToLong(Long::longValue).toArray())
                .param("nodeId", nodeId)
                .param("millis", lease.toMillis())
                .param("now", Timestamps.toDb(now))
                .query(rows)
                .list();
    }

    @Override
    public List<ClaimedDelivery> claimDue(UUID campaignId, Instant now, int limit, String nodeId, Duration lease) {
        return jdbc.sql(DUE.stripTrailing() + ",\n" + claiming("id in (select id from queued union all select id from deferred)")
                        .substring("with ".length()))
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .param("nodeId", nodeId)
                .param("millis", lease.toMillis())
                .query(rows)
                .list();
    }

    /** Leases the rows {@code which} selects and loads them, in id order. */
    private static String claiming(String which) {
        return "with claimed as (update delivery set " + ClaimedRows.CLAIM + " where " + which + " returning *)\n"
                + ClaimedRows.load("claimed") + " order by d.id";
    }

    /** Rows the recorder holds locked are skipped, not waited for (see {@link Claims#renewLeases}). */
    @Override
    public int renewLeases(String nodeId, Duration lease, Duration renewBelow) {
        return jdbc.sql("""
                update delivery set lease_until = current_timestamp + %s
                where id in (select id from delivery where status = %s and lease_owner = :nodeId
                             and lease_until < current_timestamp + %s for update skip locked)"""
                        .formatted(DatabaseTime.millis("lease"), DeliveryStatus.CLAIMED.sql(),
                                DatabaseTime.millis("renewBelow")))
                .param("nodeId", nodeId)
                .param("lease", lease.toMillis())
                .param("renewBelow", renewBelow.toMillis())
                .update();
    }

    /**
     * A delivery's first outcome in the flush counts, as in H2's batch, where a second one finds
     * the row already moved; so each row is in the arrays once.
     */
    @Override
    public boolean[] recordOutcomes(List<DeliveryResult> results, String nodeId, Instant now) {
        Map<Long, Integer> first = new HashMap<>();
        List<DeliveryResult> distinct = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (first.putIfAbsent(results.get(i).deliveryId(), i) == null) {
                distinct.add(results.get(i));
            }
        }
        Set<Long> moved = new HashSet<>(jdbc.sql("""
                update delivery d set status = o.status, attempts = d.attempts + o.attempted, last_reply = o.reply,
                    sent_at = case when o.status = %s then cast(:now as timestamp with time zone) end,
                    not_before = coalesce(o.retry_at, d.not_before),
                    lease_owner = null, lease_until = null, updated_at = :now
                from unnest(cast(:ids as bigint[]), cast(:statuses as varchar[]), cast(:replies as varchar[]),
                            cast(:attempted as integer[]), cast(:retryAts as timestamp with time zone[]))
                     as o (id, status, reply, attempted, retry_at)
                where d.id = o.id and d.status in (%s) and d.lease_owner = :nodeId
                returning d.id""".formatted(DeliveryStatus.SENT.sql(), ClaimedRows.outcomeGuard(results)))
                .param("ids", distinct.stream().mapToLong(DeliveryResult::deliveryId).toArray())
                .param("statuses", distinct.stream().map(r -> r.status().wire()).toArray(String[]::new))
                .param("replies", distinct.stream().map(DeliveryResult::reply).toArray(String[]::new))
                .param("attempted", distinct.stream().mapToInt(DeliveryResult::attempted).toArray())
                .param("retryAts", distinct.stream().map(r -> r.retryAt() == null ? null
                        : Timestamps.toDb(r.retryAt()).toString()).toArray(String[]::new))
                .param("now", Timestamps.toDb(now))
                .param("nodeId", nodeId)
                .query(Long.class)
                .list());
        boolean[] recorded = new boolean[results.size()];
        for (int i = 0; i < recorded.length; i++) {
            long id = results.get(i).deliveryId();
            recorded[i] = first.get(id) == i && moved.contains(id);
        }
        return recorded;
    }
}
