package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The engine's hot path in SQL, one class per database as db-scheduler does it: claims, lease
 * renewal and the outcome flush, where PostgreSQL does in one statement ({@code RETURNING},
 * {@code UPDATE … FROM unnest(…)}) what H2 needs several for. Everything else stays shared SQL.
 * Each statement keeps the same guards on both databases: rows locked with {@code skip locked},
 * leases on the database's clock, and an outcome only for a row still claimed by this node.
 * {@link LedgerDialects} picks the class of the database in use.
 */
interface LedgerDialect {

    /**
     * Locks up to {@code limit} due deliveries of the campaign that no other node holds, without
     * claiming them yet: the caller's transaction decides how many to take ({@link #claim}).
     */
    List<Long> lockDue(UUID campaignId, Instant now, int limit);

    /**
     * Leases these locked deliveries to this node for {@code lease}, on the database's clock, and
     * returns what rendering needs of them, in id order.
     */
    List<ClaimedDelivery> claim(List<Long> lockedIds, String nodeId, Instant now, Duration lease);

    /** Locks, leases and loads up to {@code limit} due deliveries at once: for a claim nothing else limits. */
    default List<ClaimedDelivery> claimDue(UUID campaignId, Instant now, int limit, String nodeId, Duration lease) {
        List<Long> ids = lockDue(campaignId, now, limit);
        return ids.isEmpty() ? List.of() : claim(ids, nodeId, now, lease);
    }

    /** Extends the leases of this node's claims with less than {@code renewBelow} left; how many. */
    int renewLeases(String nodeId, Duration lease, Duration renewBelow);

    /**
     * Moves each result's row, if this node still holds its claim, to the result's status; for
     * each result, whether its row moved.
     */
    boolean[] recordOutcomes(List<DeliveryResult> results, String nodeId, Instant now);

    /**
     * The audience snapshot workers a node runs when {@code crier.delivery.snapshot-workers} is
     * empty: as many as make a large start faster on this database.
     */
    int snapshotWorkers();
}
