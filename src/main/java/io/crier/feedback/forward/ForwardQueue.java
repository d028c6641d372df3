package io.crier.feedback.forward;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import io.crier.feedback.StoredText;
import io.crier.shared.LeasedQueue;
import io.crier.shared.Timestamps;

/**
 * Forwards in SQL, as the inbound queue keeps its messages: rows go in queued (or parked at once,
 * with why they are not passed on); a worker leases due ones on the database's clock and records
 * what became of each. Every write after the claim is guarded by the lease.
 */
@Repository
class ForwardQueue {

    static final String QUEUED = LeasedQueue.QUEUED;
    static final String SENT = "sent";
    static final String PARKED = "parked";

    /** A forward to add: {@code state} queued, or parked with its {@code reason}. */
    record NewForward(long inboundMessageId, UUID workspaceId, long deliveryId, UUID campaignId, String campaignFrom,
            String forwardedFor, String recipient, String state, String reason) {
    }

    /** A leased forward with the bytes of the reply it passes on. */
    record Due(long id, UUID workspaceId, UUID campaignId, String campaignFrom, String forwardedFor, String recipient,
            int attempts, byte[] raw) {
    }

    private final JdbcClient jdbc;
    private final LeasedQueue leases;
    private final TransactionOperations transactions;

    ForwardQueue(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.leases = LeasedQueue.of(jdbc, "reply_forward");
    }

    /** Adds it, due at once; false when the inbound message has one already. */
    boolean add(NewForward forward, Instant now) {
        return jdbc.sql("""
                insert into reply_forward (inbound_message_id, workspace_id, delivery_id, campaign_id, campaign_from,
                                           forwarded_for, recipient, state, attempts, reason, not_before,
                                           created_at, updated_at)
                values (:inbound, :workspaceId, :deliveryId, :campaignId, :campaignFrom, :forwardedFor, :recipient,
                        :state, 0, :reason, :now, :now, :now)
                on conflict do nothing""")
                .param("inbound", forward.inboundMessageId())
                .param("workspaceId", forward.workspaceId())
                .param("deliveryId", forward.deliveryId())
                .param("campaignId", forward.campaignId())
                .param("campaignFrom", forward.campaignFrom())
                .param("forwardedFor", forward.forwardedFor())
                .param("recipient", forward.recipient())
                .param("state", forward.state())
                .param("reason", StoredText.reason(forward.reason()))
                .param("now", Timestamps.toDb(now))
                .update() == 1;
    }

    /** Leases up to {@code limit} due forwards no live lease holds to {@code nodeId}, in a transaction of its own. */
    List<Due> claimDue(Instant now, String nodeId, Duration lease, int limit) {
        return leases.claimAndLoad(transactions, now, nodeId, lease, limit, this::load);
    }

    private List<Due> load(List<Long> ids) {
        return jdbc.sql("""
                select f.id, f.workspace_id, f.campaign_id, f.campaign_from, f.forwarded_for, f.recipient, f.attempts,
                       m.raw
                from reply_forward f join inbound_message m on m.id = f.inbound_message_id
                where f.id in (:ids) order by f.id""")
                .param("ids", ids)
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
                        rs.getObject("campaign_id", UUID.class), rs.getString("campaign_from"),
                        rs.getString("forwarded_for"), rs.getString("recipient"), rs.getInt("attempts"),
                        rs.getBytes("raw")))
                .list();
    }

    /** Records that a forward this node holds was sent, or parked with the reason. */
    void finish(long id, String nodeId, String state, String reason, Instant now) {
        jdbc.sql("""
                update reply_forward set state = :state, reason = :reason, attempts = attempts + 1,
                       lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and lease_owner = :nodeId""")
                .param("state", state)
                .param("reason", StoredText.reason(reason))
                .param("now", Timestamps.toDb(now))
                .param("id", id)
                .param("nodeId", nodeId)
                .update();
    }

    /** Counts a failed try of a forward this node holds and makes it due again at {@code next}. */
    void retryLater(long id, String nodeId, String reason, Instant next, Instant now) {
        leases.retryLater(id, nodeId, StoredText.reason(reason), next, now);
    }
}
