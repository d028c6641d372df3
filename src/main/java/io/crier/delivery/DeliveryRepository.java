package io.crier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Timestamps;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger in SQL. Every status change is a guarded UPDATE whose guard comes from
 * {@link DeliveryStatus#canMoveTo}, so a row can only make the moves that table allows, and two
 * nodes racing for one row cannot both win.
 */
@Repository
class DeliveryRepository {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JsonMapper json;

    DeliveryRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, JsonMapper json) {
        this.jdbc = jdbc;
        this.named = named;
        this.json = json;
    }

    /**
     * Locks up to {@code limit} due deliveries that no other node holds, without claiming them
     * yet; the caller's transaction decides how many to take ({@link #markClaimed}).
     */
    List<Long> lockDue(UUID campaignId, Instant now, int limit) {
        List<Long> ids = new ArrayList<>(lockDue(campaignId, DeliveryStatus.QUEUED, now, limit));
        if (ids.size() < limit) {
            ids.addAll(lockDue(campaignId, DeliveryStatus.DEFERRED, now, limit - ids.size()));
        }
        return ids;
    }

    /**
     * One status at a time and in no particular order, so the {@code delivery_due} index finds the
     * rows and the scan stops at the limit: with {@code status in (...) order by id}, PostgreSQL
     * sorted every pending row of the campaign and H2 locked each of them, per claim, which made
     * claiming cost grow with the campaign (docs/benchmarks.md).
     */
    private List<Long> lockDue(UUID campaignId, DeliveryStatus status, Instant now, int limit) {
        return jdbc.sql("""
                select id from delivery
                where campaign_id = :campaignId and status = %s and not_before <= :now
                limit :limit
                for update skip locked""".formatted(DeliveryStatus.guard(EnumSet.of(status), DeliveryStatus.CLAIMED)))
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Leases locked deliveries to this node for {@code lease}. Leases run on the database's clock,
     * which every node shares, so neither a node's skewed clock nor a simulated one in tests can
     * make a live claim look expired.
     */
    void markClaimed(List<Long> ids, String nodeId, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update delivery set status = 'claimed', lease_owner = :nodeId,
                                    lease_until = current_timestamp + %s, updated_at = :now
                where id in (:ids)""".formatted(DatabaseTime.MILLIS))
                .param("nodeId", nodeId)
                .param("millis", lease.toMillis())
                .param("now", Timestamps.toDb(now))
                .param("ids", ids)
                .update();
    }

    /**
     * What rendering needs for claimed rows. A deleted contact leaves its fields empty; a
     * transactional message brings its own.
     */
    List<ClaimedDelivery> load(List<Long> ids) {
        return jdbc.sql("""
                select d.id, d.campaign_id, d.workspace_id, d.contact_id, d.step, d.email, d.attempts,
                       c.first_name, c.last_name, c.user_id, c.custom_fields,
                       d.message_id, d.recipient_name, d.dynamic_data, d.not_before
                from delivery d left join contact c on c.id = d.contact_id
                where d.id in (:ids) order by d.id""")
                .param("ids", ids)
                .query((rs, row) -> new ClaimedDelivery(rs.getLong("id"), rs.getObject("campaign_id", UUID.class),
                        rs.getObject("workspace_id", UUID.class), rs.getObject("contact_id", UUID.class),
                        rs.getInt("step"), rs.getString("email"), rs.getInt("attempts"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("user_id"), fields(rs.getString("custom_fields")),
                        rs.getObject("message_id", UUID.class), rs.getString("recipient_name"),
                        fields(rs.getString("dynamic_data")), Timestamps.read(rs, "not_before")))
                .list();
    }

    /**
     * Records this node's outcomes in one batch. Returns the outcomes whose rows really moved: an
     * outcome for a row that is no longer claimed (already recorded), or claimed by another node
     * since (this node's lease ran out while it was cut off), changes nothing, like a late release.
     */
    List<DeliveryResult> record(List<DeliveryResult> results, String nodeId, Instant now) {
        MapSqlParameterSource[] rows = results.stream().map(result -> new MapSqlParameterSource()
                        .addValue("id", result.deliveryId())
                        .addValue("status", result.status().wire())
                        .addValue("reply", result.reply())
                        .addValue("attempted", result.status() == DeliveryStatus.CANCELLED ? 0 : 1)
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
                .formatted(DeliveryStatus.guard(CLAIMED_ONLY, result(results))), rows);
        List<DeliveryResult> moved = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (updated[i] > 0) {
                moved.add(results.get(i));
            }
        }
        return moved;
    }

    /**
     * Locks the rows of these campaigns, in id order, for the rest of the caller's transaction. An
     * outcome flush that queues next steps takes these locks first, so an abort (which writes the
     * campaign row before it cancels what is pending) either comes after the flush and cancels the
     * steps it queued, or comes first and the flush sees the campaign aborted.
     */
    void lockCampaigns(Collection<UUID> campaignIds) {
        if (campaignIds.isEmpty()) {
            return;
        }
        jdbc.sql("select id from campaign where id in (:ids) order by id for update")
                .param("ids", campaignIds)
                .query(UUID.class)
                .list();
    }

    /**
     * Queues the next step for the contacts of these just-sent deliveries, set-based: due the
     * step's delay after this one was sent, unless the campaign was aborted, the address is
     * suppressed, the contact is gone, or that step is already queued (a unique key guards it too).
     */
    int queueNextSteps(List<Long> sentIds, Instant now) {
        if (sentIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into delivery (campaign_id, workspace_id, contact_id, step, email, status, not_before,
                                      attempts, updated_at)
                select d.campaign_id, d.workspace_id, d.contact_id, d.step + 1, d.email, 'queued',
                       d.sent_at + cast(s.delay_days * 1440 + s.delay_hours * 60 + s.delay_minutes as bigint)
                                   * interval '1' minute,
                       0, :now
                from delivery d
                join campaign_step s on s.campaign_id = d.campaign_id and s.step = d.step + 1
                join campaign c on c.id = d.campaign_id
                where d.id in (:ids) and d.status = 'sent' and d.contact_id is not null
                  and c.status not in ('aborted', 'failed')
                  and not exists (select 1 from suppression x where x.workspace_id = d.workspace_id and x.email = d.email)
                  and not exists (select 1 from delivery n where n.campaign_id = d.campaign_id
                                  and n.contact_id = d.contact_id and n.step = d.step + 1)""")
                .param("ids", sentIds)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Adds the sent and bounced outcomes of follow-up steps to their steps' counters. */
    void countSteps(List<DeliveryResult> moved) {
        Map<List<Object>, int[]> counts = new java.util.HashMap<>();
        for (DeliveryResult result : moved) {
            if (result.step() > 0 && (result.status() == DeliveryStatus.SENT
                    || result.status() == DeliveryStatus.BOUNCED)) {
                int[] count = counts.computeIfAbsent(List.of(result.campaignId(), result.step()), key -> new int[2]);
                count[result.status() == DeliveryStatus.SENT ? 0 : 1]++;
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = counts.entrySet().stream().map(entry -> new MapSqlParameterSource()
                        .addValue("campaignId", entry.getKey().get(0))
                        .addValue("step", entry.getKey().get(1))
                        .addValue("sent", entry.getValue()[0])
                        .addValue("bounced", entry.getValue()[1]))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                merge into campaign_step_stats s
                using (select cast(:campaignId as uuid) as campaign_id, cast(:step as integer) as step) v
                on s.campaign_id = v.campaign_id and s.step = v.step
                when matched then update set sent = s.sent + :sent, bounced = s.bounced + :bounced
                when not matched then insert (campaign_id, step, sent, bounced)
                    values (v.campaign_id, v.step, :sent, :bounced)""", rows);
    }

    /**
     * Enrolment into a started campaign: step 0 for each of these contacts that has none in it yet
     * and is not suppressed, due at once. Returns how many were queued, which the campaign's
     * audience count grows by.
     */
    int queueFirstStep(UUID campaignId, UUID workspaceId, Collection<UUID> contactIds, Instant now) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        int queued = jdbc.sql("""
                insert into delivery (campaign_id, workspace_id, contact_id, step, email, status, not_before,
                                      attempts, updated_at)
                select :campaignId, :workspaceId, c.id, 0, c.email, 'queued', :now, 0, :now
                from contact c
                where c.workspace_id = :workspaceId and c.id in (:ids)
                  and not exists (select 1 from suppression s where s.workspace_id = :workspaceId and s.email = c.email)
                  and not exists (select 1 from delivery d where d.campaign_id = :campaignId
                                  and d.contact_id = c.id and d.step = 0)""")
                .param("campaignId", campaignId)
                .param("workspaceId", workspaceId)
                .param("ids", contactIds)
                .param("now", Timestamps.toDb(now))
                .update();
        if (queued > 0) {
            jdbc.sql("update campaign_stats set total_contacts = total_contacts + :queued where campaign_id = :id")
                    .param("id", campaignId)
                    .param("queued", queued)
                    .update();
        }
        return queued;
    }

    /** Those of these contacts of the workspace whose address is suppressed. */
    Set<UUID> suppressedAmong(UUID workspaceId, Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("""
                select c.id from contact c
                where c.workspace_id = :workspaceId and c.id in (:ids)
                  and exists (select 1 from suppression s where s.workspace_id = :workspaceId and s.email = c.email)""")
                .param("workspaceId", workspaceId)
                .param("ids", contactIds)
                .query(UUID.class)
                .set();
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
        return jdbc.sql(RELEASE + " where id in (:ids) and status = 'claimed' and lease_owner = :nodeId")
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
        List<Long> held = jdbc.sql(("select id from delivery where status = 'claimed' and lease_owner = :nodeId"
                        + " and lease_until < current_timestamp + %s for update skip locked")
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

    /**
     * A node starting under the id of one that is gone (a restart) returns that one's claims to
     * the queue at once: it would otherwise renew them forever without holding them.
     */
    int releaseAllOf(String nodeId, Instant now) {
        return jdbc.sql(RELEASE + " where status = 'claimed' and lease_owner = :nodeId")
                .param("nodeId", nodeId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Returns the claims of nodes that died (their lease ran out on the database's clock) to the queue. */
    int releaseExpiredLeases(Instant now) {
        return jdbc.sql(RELEASE + " where status = 'claimed' and lease_until < current_timestamp")
                .param("now", Timestamps.toDb(now))
                .update();
    }

    private static final String RELEASE = """
            update delivery set status = case
                    when exists (select 1 from campaign c where c.id = delivery.campaign_id
                                 and c.status in ('aborted', 'failed'))
                    then 'cancelled' else 'queued' end,
                lease_owner = null, lease_until = null, updated_at = :now""";

    /** Abort, or a failed campaign: every delivery still waiting is cancelled. */
    int cancelPending(UUID campaignId, Instant now) {
        return jdbc.sql("update delivery set status = 'cancelled', updated_at = :now where campaign_id = :campaignId"
                        + " and status in (" + DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.CANCELLED) + ")")
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Retry-failed: failed deliveries go back to the queue, due at once. */
    int requeueFailed(UUID campaignId, Instant now) {
        return jdbc.sql("update delivery set status = 'queued', not_before = :now, updated_at = :now"
                        + " where campaign_id = :campaignId and status in ("
                        + DeliveryStatus.guard(EnumSet.of(DeliveryStatus.FAILED), DeliveryStatus.QUEUED) + ")")
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Takes re-queued deliveries out of the campaign's failed (and so processed) counters. */
    void uncountFailed(UUID campaignId, int requeued) {
        jdbc.sql("""
                update campaign_stats set failed = failed - :requeued, processed = processed - :requeued
                where campaign_id = :campaignId""")
                .param("campaignId", campaignId)
                .param("requeued", requeued)
                .update();
    }

    /**
     * Deliveries not yet final, or an audience still being queued: while either remains, the
     * campaign is not done.
     */
    boolean hasOpenDeliveries(UUID campaignId) {
        return jdbc.sql("""
                select case when exists (select 1 from audience_snapshot where campaign_id = :campaignId)
                    or exists (select 1 from delivery where campaign_id = :campaignId
                               and status in ('queued', 'deferred', 'claimed'))
                  then 1 else 0 end""")
                .param("campaignId", campaignId)
                .query(Integer.class)
                .single() == 1;
    }

    /** Adds recorded outcomes to the campaign's counters (processed = sent + bounced + failed). */
    void count(UUID campaignId, int sent, int bounced, int failed) {
        jdbc.sql("""
                update campaign_stats set sent = sent + :sent, delivered = delivered + :sent,
                    bounced = bounced + :bounced, failed = failed + :failed,
                    processed = processed + :sent + :bounced + :failed
                where campaign_id = :campaignId""")
                .param("campaignId", campaignId)
                .param("sent", sent)
                .param("bounced", bounced)
                .param("failed", failed)
                .update();
    }

    /** Whether any message of the campaign reached the relay: sent, or bounced by it. */
    boolean anySentOrBounced(UUID campaignId) {
        return jdbc.sql("select sent + bounced from campaign_stats where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .query(Integer.class)
                .optional()
                .orElse(0) > 0;
    }

    /** Sent and bounced counts of a campaign since it was last resumed. */
    record Outcomes(int sent, int bounced) {
    }

    /** Each campaign's sent and bounced counts since it was last resumed (all of them if never). */
    Map<UUID, Outcomes> outcomesSinceResume(Collection<UUID> campaignIds) {
        Map<UUID, Outcomes> outcomes = new java.util.HashMap<>();
        jdbc.sql("""
                select campaign_id, sent - bounce_base_sent as sent, bounced - bounce_base_bounced as bounced
                from campaign_stats where campaign_id in (:ids)""")
                .param("ids", campaignIds)
                .query(rs -> {
                    outcomes.put(rs.getObject("campaign_id", UUID.class),
                            new Outcomes(rs.getInt("sent"), rs.getInt("bounced")));
                });
        return outcomes;
    }

    /** From now on the bounce guard counts this campaign's outcomes afresh. */
    void resetBounceBaseline(UUID campaignId) {
        jdbc.sql("update campaign_stats set bounce_base_sent = sent, bounce_base_bounced = bounced"
                        + " where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .update();
    }

    /**
     * Withdraws the mail still waiting for these (stored-form) addresses of the workspace: their
     * queued and deferred deliveries in every campaign become {@code suppressed}, with the reason in
     * their last reply, and each campaign counts them. A delivery claimed at that instant is already
     * on its way, like a send in flight when a campaign pauses.
     */
    void withdrawPending(UUID workspaceId, Collection<String> emails, String reason, Instant now) {
        String pending = DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.SUPPRESSED);
        List<UUID> campaigns = jdbc.sql("select distinct campaign_id from delivery where workspace_id = :workspaceId"
                        + " and email in (:emails) and status in (" + pending + ")")
                .param("workspaceId", workspaceId)
                .param("emails", emails)
                .query(UUID.class)
                .list();
        for (UUID campaignId : campaigns) {
            // Counted from what the update changed: a claim may have taken a row since the select.
            int withdrawn = jdbc.sql("update delivery set status = 'suppressed', last_reply = :reply, updated_at = :now"
                            + " where workspace_id = :workspaceId and email in (:emails) and campaign_id = :campaignId"
                            + " and status in (" + pending + ")")
                    .param("reply", "not sent: the address was suppressed (" + reason + ")")
                    .param("now", Timestamps.toDb(now))
                    .param("workspaceId", workspaceId)
                    .param("emails", emails)
                    .param("campaignId", campaignId)
                    .update();
            jdbc.sql("update campaign_stats set suppressed = suppressed + :withdrawn where campaign_id = :campaignId")
                    .param("withdrawn", withdrawn)
                    .param("campaignId", campaignId)
                    .update();
        }
    }

    /**
     * Adds hard-bounced addresses to the workspace's suppression list (kept if already there, or
     * added by a request at the same moment).
     */
    void suppress(List<DeliveryResult> bounces, Instant now) {
        MapSqlParameterSource[] rows = bounces.stream().map(bounce -> new MapSqlParameterSource()
                        .addValue("workspaceId", bounce.workspaceId())
                        .addValue("email", bounce.email())
                        .addValue("detail", bounce.reply())
                        .addValue("now", Timestamps.toDb(now)))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                insert into suppression (workspace_id, email, reason, detail, created_at)
                values (:workspaceId, :email, 'bounced', :detail, :now)
                on conflict do nothing""", rows);
    }

    /**
     * How many deliveries, of all campaigns, have this status: counted on the {@code delivery_lease}
     * index, which leads with the status.
     */
    long countWithStatus(DeliveryStatus status) {
        return jdbc.sql("select count(*) from delivery where status = :status")
                .param("status", status.wire())
                .query(Long.class)
                .single();
    }

    private Map<String, Object> fields(String column) {
        return column == null ? Map.of() : json.readValue(column, FIELDS);
    }

    private static final Set<DeliveryStatus> CLAIMED_ONLY = EnumSet.of(DeliveryStatus.CLAIMED);

    /** The SQL guard of a move; refuses (loudly, in every test) a move the status table does not allow. */
    private static DeliveryStatus[] result(List<DeliveryResult> results) {
        return results.stream().map(DeliveryResult::status).distinct().toArray(DeliveryStatus[]::new);
    }
}
