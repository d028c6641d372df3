package io.crier.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The lease statements of a work queue kept in SQL, which the inbound messages and the reply
 * forwards share: rows go in {@value #QUEUED}; a worker leases due ones on the database's clock,
 * which every node shares, and gives back one to try later. Every write after the claim is guarded
 * by the lease ({@code lease_owner}), so a node cut off for longer than its lease leaves the row to
 * whoever took it next. The table needs {@code id}, {@code state}, {@code attempts}, {@code reason},
 * {@code not_before}, {@code lease_owner}, {@code lease_until} and {@code updated_at}. Its owning
 * repository names it once, in {@code LeasedQueue.of(jdbc, "<table>")}, which the table-ownership
 * check reads as that module's write of the table.
 */
public final class LeasedQueue {

    public static final String QUEUED = "queued";
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final String table;

    private LeasedQueue(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public static LeasedQueue of(JdbcClient jdbc, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        return new LeasedQueue(jdbc, table);
    }

    /**
     * Leases to {@code nodeId} up to {@code limit} queued rows due by {@code now} that no live
     * lease holds, the longest due first, skipping rows another node is locking this moment. Run
     * in a transaction.
     */
    public List<Long> claimDue(Instant now, String nodeId, Duration lease, int limit) {
        List<Long> ids = jdbc.sql("select id from " + table + """
                 where state = :queued and not_before <= :now
                  and (lease_until is null or lease_until < current_timestamp)
                order by not_before
                limit :limit
                for update skip locked""")
                .param("queued", QUEUED)
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
        if (!ids.isEmpty()) {
            jdbc.sql("update " + table + " set lease_owner = :nodeId, lease_until = current_timestamp + "
                            + DatabaseTime.MILLIS + " where id in (:ids)")
                    .param("nodeId", nodeId)
                    .param("millis", lease.toMillis())
                    .param("ids", ids)
                    .update();
        }
        return ids;
    }

    /**
     * Leases due rows as {@link #claimDue} does and reads them with {@code loader}, in one
     * transaction of its own: what a worker starts each batch with.
     */
    public <T> List<T> claimAndLoad(TransactionOperations transactions, Instant now, String nodeId, Duration lease,
            int limit, Function<List<Long>, List<T>> loader) {
        return transactions.execute(status -> {
            List<Long> ids = claimDue(now, nodeId, lease, limit);
            return ids.isEmpty() ? List.<T>of() : loader.apply(ids);
        });
    }

    /**
     * Counts a failed try of a row this node holds, with its {@code reason} (already cut to what
     * the column stores), and makes it due again at {@code next}.
     */
    public void retryLater(long id, String nodeId, String reason, Instant next, Instant now) {
        jdbc.sql("update " + table + """
                 set attempts = attempts + 1, reason = :reason, not_before = :next,
                       lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and lease_owner = :nodeId""")
                .param("reason", reason)
                .param("next", Timestamps.toDb(next))
                .param("now", Timestamps.toDb(now))
                .param("id", id)
                .param("nodeId", nodeId)
                .update();
    }
}
