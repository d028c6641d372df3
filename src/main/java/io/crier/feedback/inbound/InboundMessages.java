package io.crier.feedback.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

import io.crier.feedback.InboundMail;
import io.crier.feedback.StoredText;
import io.crier.shared.LeasedQueue;
import io.crier.shared.Timestamps;

/**
 * The inbound queue in SQL. Rows go in queued; a worker leases due ones (on the database's clock,
 * which every node shares) and records what became of each: processed, parked with the reason, or
 * queued again for a later try. Every write after the claim is guarded by the lease, so a node cut
 * off for longer than its lease leaves the row to whoever took it next.
 */
@Repository
class InboundMessages {

    static final String QUEUED = LeasedQueue.QUEUED;
    static final String PROCESSED = "processed";
    static final String PARKED = "parked";

    /** One stored message as the worker handles it. */
    record Queued(long id, byte[] raw, InboundMail.Channel channel, UUID workspaceId, List<String> envelopeRecipients,
            int attempts) {
    }

    /** What the worker made of a message: its kind, a reason, and the delivery it was tied to, if any. */
    record Outcome(String state, String kind, String reason, Long deliveryId, UUID matchedWorkspace) {
    }

    private final JdbcClient jdbc;
    private final LeasedQueue leases;
    private final TransactionOperations transactions;

    InboundMessages(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.leases = LeasedQueue.of(jdbc, "inbound_message");
    }

    /** Inserts a queued message, due at once; false when one with the same {@code dedupKey} is there already. */
    boolean insert(String dedupKey, byte[] raw, InboundMail.Origin origin, String messageId, Instant now) {
        InboundSummary summary = InboundSummary.of(raw);
        return jdbc.sql("""
                insert into inbound_message (dedup_key, channel, workspace_id, envelope_recipients, message_id, raw,
                                             size_bytes, state, attempts, not_before, received_at, updated_at,
                                             owner_workspace, from_address, header_from, header_to, header_cc,
                                             subject, thread_id, attachment_count)
                values (:dedupKey, :channel, :workspaceId, :recipients, :messageId, :raw, :size, :state, 0,
                        :now, :now, :now, :workspaceId, :fromAddress, :headerFrom, :headerTo, :headerCc,
                        :subject, :threadId, :attachmentCount)
                on conflict do nothing""")
                .param("fromAddress", summary.fromAddress())
                .param("headerFrom", summary.headerFrom())
                .param("headerTo", summary.headerTo())
                .param("headerCc", summary.headerCc())
                .param("subject", summary.subject())
                .param("threadId", summary.threadId())
                .param("attachmentCount", summary.attachmentCount())
                .param("dedupKey", dedupKey)
                .param("channel", origin.channel().name())
                .param("workspaceId", origin.workspaceId())
                .param("recipients", EnvelopeRecipients.join(origin.envelopeRecipients()))
                .param("messageId", messageId)
                .param("raw", raw)
                .param("size", raw.length)
                .param("state", QUEUED)
                .param("now", Timestamps.toDb(now))
                .update() == 1;
    }

    /** Leases up to {@code limit} due queued messages no live lease holds to {@code nodeId}, in a transaction of its own. */
    List<Queued> claimDue(Instant now, String nodeId, Duration lease, int limit) {
        return leases.claimAndLoad(transactions, now, nodeId, lease, limit, this::load);
    }

    private List<Queued> load(List<Long> ids) {
        return jdbc.sql("""
                select id, raw, channel, workspace_id, envelope_recipients, attempts
                from inbound_message where id in (:ids) order by id""")
                .param("ids", ids)
                .query((rs, row) -> new Queued(rs.getLong("id"), rs.getBytes("raw"),
                        InboundMail.Channel.valueOf(rs.getString("channel")), rs.getObject("workspace_id", UUID.class),
                        EnvelopeRecipients.split(rs.getString("envelope_recipients")), rs.getInt("attempts")))
                .list();
    }

    /** Records what became of a message this node holds; false when its lease went to another node. */
    boolean finish(long id, String nodeId, Outcome outcome, Instant now) {
        return jdbc.sql("""
                update inbound_message set state = :state, kind = :kind, reason = :reason, delivery_id = :deliveryId,
                       matched_workspace = :matchedWorkspace, attempts = attempts + 1,
                       owner_workspace = coalesce(:matchedWorkspace, owner_workspace),
                       lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and lease_owner = :nodeId""")
                .param("state", outcome.state())
                .param("kind", outcome.kind())
                .param("reason", StoredText.reason(outcome.reason()))
                .param("deliveryId", outcome.deliveryId())
                .param("matchedWorkspace", outcome.matchedWorkspace())
                .param("now", Timestamps.toDb(now))
                .param("id", id)
                .param("nodeId", nodeId)
                .update() == 1;
    }

    /** Counts a failed try of a message this node holds and makes it due again at {@code next}. */
    void retryLater(long id, String nodeId, String reason, Instant next, Instant now) {
        leases.retryLater(id, nodeId, StoredText.reason(reason), next, now);
    }

    /** Deletes up to {@code limit} processed or parked messages last changed before {@code cutoff}. */
    int deleteFinishedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                delete from inbound_message where id in (
                    select id from inbound_message where state in (:finished) and updated_at < :cutoff limit :limit)""")
                .param("finished", List.of(PROCESSED, PARKED))
                .param("cutoff", Timestamps.toDb(cutoff))
                .param("limit", limit)
                .update();
    }
}
