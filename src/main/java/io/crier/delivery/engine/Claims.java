package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.crier.campaign.CampaignSql;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.Timestamps;

/**
 * The ledger's claims: locking due deliveries, leasing them to this node with what rendering
 * needs, renewing leases (these three in the {@link LedgerDialect} of the database) and giving
 * claims back. Every status change is a guarded UPDATE whose guard comes from
 * {@link DeliveryStatus#guard}, so a row can only make the moves the status table allows, and two
 * nodes racing for one row cannot both win.
 */
@Repository
class Claims {

    /** Not yet final: waiting, or claimed by a node. */
    private static final String OPEN = Stream.of(DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED, DeliveryStatus.CLAIMED)
            .map(DeliveryStatus::sql).collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final LedgerDialect dialect;

    Claims(JdbcClient jdbc, LedgerDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Locks up to {@code limit} due deliveries that no other node holds, to claim some of them ({@link #claim}). */
    List<Long> lockDue(UUID campaignId, Instant now, int limit) {
        return dialect.lockDue(campaignId, now, limit);
    }

    /**
     * Leases locked deliveries to this node for {@code lease} and returns what rendering needs of
     * them. Leases run on the database's clock, which every node shares, so neither a node's skewed
     * clock nor a simulated one in tests can make a live claim look expired.
     */
    List<ClaimedDelivery> claim(List<Long> lockedIds, String nodeId, Instant now, Duration lease) {
        return dialect.claim(lockedIds, nodeId, now, lease);
    }

    /** Locks, leases and loads up to {@code limit} due deliveries, for a claim that nothing else limits. */
    List<ClaimedDelivery> claimDue(UUID campaignId, Instant now, int limit, String nodeId, Duration lease) {
        return dialect.claimDue(campaignId, now, limit, nodeId, lease);
    }

    /**
     * Gives this node's claims back: to the queue, or cancelled when their campaign was aborted
     * meanwhile. A row whose lease ran out and which another node claimed since is that node's:
     * a late release (from a node that was cut off, say) must not requeue what it is sending.
     */
    int release(List<Long> ids, String nodeId, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql(RELEASE + " where id in (:ids) and status = " + RELEASED + " and lease_owner = :nodeId")
                .param("ids", ids)
                .param("nodeId", nodeId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /**
     * Extends the leases of this node's claims with less than {@code renewBelow} left, on the
     * database's clock like the claim itself. A live node renews with every heartbeat, so only a
     * node that stopped heartbeating (dead, or cut off from the database) loses its claims, however
     * long a slow relay keeps a delivery waiting. Younger claims are left alone: nearly every
     * delivery is sent and recorded long before, and locking all of a node's claims on every
     * heartbeat made the renewal and the outcome recorder queue behind each other's row locks until
     * the recorder stalled. Rows the recorder holds locked are skipped, not waited for: they are
     * being finished, and a renewal that waited would deadlock with a recorder batch locking the same
     * rows in another order.
     */
    @Transactional
    int renewLeases(String nodeId, Duration lease, Duration renewBelow) {
        return dialect.renewLeases(nodeId, lease, renewBelow);
    }

    /**
     * A node starting under the id of one that is gone (a restart) returns that one's claims to
     * the queue at once: it would otherwise renew them forever without holding them.
     */
    int releaseAllOf(String nodeId, Instant now) {
        return jdbc.sql(RELEASE + " where status = " + RELEASED + " and lease_owner = :nodeId")
                .param("nodeId", nodeId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Returns the claims of nodes that died (their lease ran out on the database's clock) to the queue. */
    int releaseExpiredLeases(Instant now) {
        return jdbc.sql(RELEASE + " where status = " + RELEASED + " and lease_until < current_timestamp")
                .param("now", Timestamps.toDb(now))
                .update();
    }

    private static final String RELEASE = """
            update delivery set status = case when %s then %s else %s end,
                lease_owner = null, lease_until = null, updated_at = :now""".formatted(
            CampaignSql.isOver("delivery.campaign_id"), DeliveryStatus.CANCELLED.sql(), DeliveryStatus.QUEUED.sql());

    /** The status a release moves rows from, guarded for both of its moves. */
    private static final String RELEASED = DeliveryStatus.guard(EnumSet.of(DeliveryStatus.CLAIMED),
            DeliveryStatus.QUEUED, DeliveryStatus.CANCELLED);

    /**
     * Deliveries not yet final, or an audience still being queued: while either remains, the
     * campaign is not done.
     */
    boolean hasOpenDeliveries(UUID campaignId) {
        return jdbc.sql("""
                select case when exists (select 1 from audience_snapshot where campaign_id = :campaignId)
                    or exists (select 1 from delivery where campaign_id = :campaignId
                               and status in (%s))
                  then 1 else 0 end""".formatted(OPEN))
                .param("campaignId", campaignId)
                .query(Integer.class)
                .single() == 1;
    }
}
