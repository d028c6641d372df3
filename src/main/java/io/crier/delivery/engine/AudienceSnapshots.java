package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.audience.AudienceCondition;
import io.crier.audience.AudienceLists;
import io.crier.audience.AudienceSql;
import io.crier.audience.UnsubscribeGroups;
import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignAudiences;
import io.crier.campaign.CampaignLists;
import io.crier.campaign.CampaignSql;
import io.crier.shared.Timestamps;
import io.crier.suppression.SuppressionSql;
import io.crier.suppression.Suppressions;

/**
 * A started campaign's audience, queued in chunks. The snapshot's cursor walks the workspace's
 * contacts in id order; cutting a chunk moves the cursor past the next {@code size} contacts and
 * records that range, in a short transaction. Queuing a range, in a transaction of its own,
 * queues those of its contacts in the campaign's audience (its included lists and segments, minus
 * its excluded ones, minus suppressed addresses; the lists as they are, and the segments as they
 * match, when the range is queued) and
 * marks the range queued; a third, short one adds them to the campaign's audience count and
 * removes the range. So several workers, on one
 * node or many, queue ranges side by side, each holding only its range's row lock, and a range
 * whose worker died (its transaction rolled back) is taken by the next worker. The unique key
 * (campaign, contact, step), with {@code on conflict do nothing}, keeps a contact enrolled
 * meanwhile from being queued twice. The snapshot ends, and its suppressed count is added, once
 * all is cut and no range is left.
 *
 * <p>A campaign that ends (aborted, failed) stops its snapshot without waiting for the ranges under
 * way ({@link #cancel}); the worker that holds the snapshot's row last, once the campaign is over,
 * removes what is left and cancels what the late ranges queued.
 */
@Repository
class AudienceSnapshots {

    private final JdbcClient jdbc;
    private final CampaignAudiences campaigns;
    private final CampaignCounters counters;
    private final AudienceLists lists;
    private final Suppressions suppressions;
    private final UnsubscribeGroups groups;
    private final Withdrawals withdrawals;
    private final Clock clock;

    AudienceSnapshots(JdbcClient jdbc, CampaignAudiences campaigns, CampaignCounters counters, AudienceLists lists,
            Suppressions suppressions, UnsubscribeGroups groups, Withdrawals withdrawals, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.counters = counters;
        this.lists = lists;
        this.suppressions = suppressions;
        this.groups = groups;
        this.withdrawals = withdrawals;
        this.clock = clock;
    }

    /** Called in the transaction that starts the campaign: its audience is to be queued from the start. */
    void begin(UUID campaignId, UUID workspaceId, Instant notBefore) {
        jdbc.sql("insert into audience_snapshot (campaign_id, workspace_id, not_before) values (:id, :workspaceId, :notBefore)")
                .param("id", campaignId)
                .param("workspaceId", workspaceId)
                .param("notBefore", Timestamps.toDb(notBefore))
                .update();
    }

    /** Campaigns whose audience is still being queued, on any node. */
    List<UUID> underWay() {
        return jdbc.sql("select campaign_id from audience_snapshot").query(UUID.class).list();
    }

    /**
     * Cuts the next chunk and queues it, in the caller's transaction: the campaign's start queues
     * its first chunk so. True while more remain after this chunk.
     */
    boolean queueNextChunk(UUID campaignId, int size, Instant now) {
        cutNextRange(campaignId, size);
        queueCutRange(campaignId, now);
        countQueuedRanges(campaignId);
        return underWay(campaignId);
    }

    /**
     * Moves the cursor past the next {@code size} contacts and records the range for queuing;
     * must run in a transaction, kept short, since it holds the snapshot's row. When all is cut,
     * ends the snapshot if no range is left. True when it cut a range; false too when another
     * worker holds the snapshot's row, or the campaign is over.
     */
    boolean cutNextRange(UUID campaignId, int size) {
        Optional<Cursor> locked = lockCursor(campaignId);
        if (locked.isEmpty() || cancelIfOver(campaignId)) {
            return false;
        }
        Cursor cursor = locked.get();
        Optional<UUID> end = hasAudience(campaignId) ? lastContactOfRange(cursor, size) : Optional.empty();
        if (end.isEmpty()) {
            endIfAllQueued(campaignId, cursor);
            return false;
        }
        jdbc.sql("insert into audience_chunk (campaign_id, after_contact, last_contact) values (:id, :after, :last)")
                .param("id", campaignId)
                .param("after", cursor.afterContact())
                .param("last", end.get())
                .update();
        jdbc.sql("update audience_snapshot set after_contact = :last where campaign_id = :id")
                .param("id", campaignId)
                .param("last", end.get())
                .update();
        return true;
    }

    /**
     * Queues one range cut earlier that no other worker is queuing and marks it queued with its
     * count, in the caller's transaction; {@link #countQueuedRanges} adds that count to the
     * campaign's figures in a short transaction of its own, since the campaign's counter row,
     * locked to this long commit, would hold the other ranges' commits and the senders' outcome
     * flushes behind it. False when there was none to take.
     */
    boolean queueCutRange(UUID campaignId, Instant now) {
        Optional<Range> taken = jdbc.sql("""
                select after_contact, last_contact from audience_chunk where campaign_id = :id and queued is null
                order by last_contact limit 1 for update skip locked""")
                .param("id", campaignId)
                .query((row, n) -> new Range(row.getObject("after_contact", UUID.class),
                        row.getObject("last_contact", UUID.class)))
                .optional();
        if (taken.isEmpty()) {
            return false;
        }
        Range range = taken.get();
        // Read, not locked: other workers cut meanwhile.
        Cursor snapshot = readCursor(campaignId, false);
        Cursor from = new Cursor(snapshot.workspaceId(), range.after(), snapshot.notBefore());
        jdbc.sql("update audience_chunk set queued = :queued where campaign_id = :id and last_contact = :last")
                .param("queued", queue(campaignId, from, mailed(campaignId, from.workspaceId()), range.last(), now))
                .param("id", campaignId)
                .param("last", range.last())
                .update();
        return true;
    }

    /**
     * Adds the counts of the campaign's queued ranges to its audience and removes them, in the
     * caller's short transaction: the range just queued, and any whose worker died between its
     * two transactions. The snapshot ends with its last range.
     */
    void countQueuedRanges(UUID campaignId) {
        if (!removeFreeRanges(campaignId, "and queued is not null")) {
            return;
        }
        // Locked only when this looks like the last range: a lock held to the commit would stop the
        // other workers cutting meanwhile.
        if (allQueued(campaignId, readCursor(campaignId, false))) {
            Optional<Cursor> cursor = lockCursor(campaignId);
            if (cursor.isPresent() && !cancelIfOver(campaignId)) {
                endIfAllQueued(campaignId, cursor.get());
            }
        }
    }

    /**
     * An ended campaign queues no more of its audience: in the transaction of its status change,
     * the ranges no worker holds are counted (those queued) and removed, and the snapshot ends if
     * none is left. A range under way is not waited for (on H2 the wait gave up after 2 s, and a
     * range can take longer): the snapshot stays open, and the worker that finds the campaign over
     * once its ranges are done cancels what they queued ({@link #cancelIfOver}).
     *
     * <p>The snapshot's row is waited for, though: only a cut or a snapshot's end holds it, both
     * short, and that wait keeps a worker from ending the snapshot unseen, after the last range
     * committed but before this transaction commits, which would leave that range's deliveries
     * queued for good. While this holds the row, no worker cuts or ends.
     */
    void cancel(UUID campaignId) {
        boolean open = jdbc.sql("select campaign_id from audience_snapshot where campaign_id = :id for update")
                .param("id", campaignId)
                .query(UUID.class)
                .optional().isPresent();
        if (open) {
            dropRanges(campaignId);
        }
    }

    /**
     * Run by a worker holding the snapshot's row: when the campaign is over (its status change has
     * committed, since that change holds the row until then), removes the ranges nobody holds and,
     * once none is left, ends the snapshot and cancels what the ranges that finished after the
     * change queued. True when the campaign is over.
     */
    private boolean cancelIfOver(UUID campaignId) {
        boolean over = jdbc.sql("select case when " + CampaignSql.isOver(":id") + " then 1 else 0 end")
                .param("id", campaignId)
                .query(Integer.class)
                .single() == 1;
        if (over && dropRanges(campaignId)) {
            withdrawals.cancelPending(campaignId, Timestamps.now(clock));
        }
        return over;
    }

    /**
     * Counts the queued ranges nobody holds into the audience and removes them, with those not yet
     * queued; ends the snapshot when no range is left. True when it ended. The caller holds the
     * snapshot's row, so no range is cut meanwhile.
     */
    private boolean dropRanges(UUID campaignId) {
        removeFreeRanges(campaignId, "");
        boolean noneLeft = jdbc.sql("select count(*) from audience_chunk where campaign_id = :id")
                .param("id", campaignId).query(Integer.class).single() == 0;
        if (noneLeft) {
            finish(campaignId);
        }
        return noneLeft;
    }

    /**
     * Locks the campaign's ranges {@code condition} (SQL) allows that no worker holds, adds the
     * counts of those queued to its audience and removes them. False when there were none.
     */
    private boolean removeFreeRanges(UUID campaignId, String condition) {
        List<Map<String, Object>> free = jdbc.sql("select last_contact, queued from audience_chunk where campaign_id = :id "
                        + condition + " for update skip locked")
                .param("id", campaignId)
                .query().listOfRows();
        if (free.isEmpty()) {
            return false;
        }
        counters.addToAudience(campaignId, free.stream().map(row -> (Number) row.get("queued"))
                .filter(Objects::nonNull).mapToInt(Number::intValue).sum());
        jdbc.sql("delete from audience_chunk where campaign_id = :id and last_contact in (:lasts)")
                .param("id", campaignId)
                .param("lasts", free.stream().map(row -> row.get("last_contact")).toList())
                .update();
        return true;
    }

    private boolean underWay(UUID campaignId) {
        return jdbc.sql("select count(*) from audience_snapshot where campaign_id = :id")
                .param("id", campaignId).query(Integer.class).single() > 0;
    }

    /**
     * The snapshot's row, locked; empty when it is gone or another worker holds it (cutting, or
     * ending the snapshot). Skipped rather than waited for: H2 gives up on a lock after 2 s, and
     * while another worker commits a range the cutter's own commit can wait that long; the worker
     * that holds it, or a later round, carries on.
     */
    private Optional<Cursor> lockCursor(UUID campaignId) {
        return Optional.ofNullable(readCursor(campaignId, true));
    }

    private Cursor readCursor(UUID campaignId, boolean lock) {
        return jdbc.sql("select workspace_id, after_contact, not_before from audience_snapshot where campaign_id = :id"
                        + (lock ? " for update skip locked" : ""))
                .param("id", campaignId)
                .query((row, n) -> new Cursor(row.getObject("workspace_id", UUID.class),
                        row.getObject("after_contact", UUID.class), Timestamps.read(row, "not_before")))
                .optional().orElse(null);
    }

    /** Nothing is left to cut and no range is left to queue. */
    private boolean allQueued(UUID campaignId, Cursor cursor) {
        if (cursor == null) {
            return false;
        }
        boolean allCut = !hasAudience(campaignId)
                || contactAfterCursor(cursor, AudienceSql.IN_ID_ORDER + " limit 1").isEmpty();
        return allCut && jdbc.sql("select count(*) from audience_chunk where campaign_id = :id")
                .param("id", campaignId).query(Integer.class).single() == 0;
    }

    /**
     * Ends the snapshot once all is queued: its suppressed count is added and its row removed. A
     * range another worker is still queuing keeps it open; whichever worker comes after ends it.
     */
    private void endIfAllQueued(UUID campaignId, Cursor cursor) {
        if (!allQueued(campaignId, cursor)) {
            return;
        }
        if (hasAudience(campaignId)) {
            AudienceCondition audience = audience(campaignId, cursor.workspaceId());
            counters.addSuppressed(campaignId, countSuppressed(campaignId, cursor.workspaceId(), audience)
                    + campaigns.unsubscribeGroup(campaignId).map(group -> countLeavers(campaignId,
                            cursor.workspaceId(), audience, groups.leavers(group))).orElse(0));
        }
        finish(campaignId);
    }

    private void finish(UUID campaignId) {
        jdbc.sql("delete from audience_snapshot where campaign_id = :id").param("id", campaignId).update();
    }

    private boolean hasAudience(UUID campaignId) {
        return !campaigns.lists(campaignId).included().isEmpty();
    }

    /**
     * The range's last contact: the size-th after the cursor, or else the workspace's last. Both
     * walk the contact index and sort nothing. H2 sees that only when the order names the whole
     * index, workspace first; the earlier form, the last of a sorted sub-select, had it write each
     * chunk's ids to a temporary result on disk, 12 % of a snapshot's time in a profile.
     */
    private Optional<UUID> lastContactOfRange(Cursor cursor, int size) {
        Optional<UUID> sizeth = contactAfterCursor(cursor, AudienceSql.IN_ID_ORDER + " limit 1 offset " + (size - 1));
        return sizeth.isPresent() ? sizeth : contactAfterCursor(cursor, AudienceSql.IN_REVERSE_ID_ORDER + " limit 1");
    }

    private Optional<UUID> contactAfterCursor(Cursor cursor, String orderAndLimit) {
        return jdbc.sql("select c.id %s %s %s".formatted(AudienceSql.WORKSPACE_CONTACTS, cursor.afterCondition(), orderAndLimit))
                .param("workspaceId", cursor.workspaceId())
                .params(cursor.afterParam())
                .query(UUID.class)
                .optional();
    }

    /**
     * Queued in address order, which the senders then claim them in (the ledger's ids): a small
     * audience goes out in the same order as when the snapshot was one statement over the
     * workspace's address index.
     */
    private int queue(UUID campaignId, Cursor cursor, AudienceCondition audience, UUID last, Instant now) {
        return jdbc.sql("""
                insert into delivery (campaign_id, workspace_id, contact_id, step, email, status, not_before,
                                      attempts, updated_at)
                select :campaignId, :workspaceId, c.id, 0, c.email, 'queued', :notBefore, 0, :now
                %s %s and c.id <= :last and %s and not %s
                order by c.email
                on conflict do nothing
                """.formatted(AudienceSql.WORKSPACE_CONTACTS, cursor.afterCondition(), audience.sql(),
                        SuppressionSql.isSuppressed(":workspaceId", "c.email")))
                .param("campaignId", campaignId)
                .param("workspaceId", cursor.workspaceId())
                .param(SuppressionSql.ERASURE_KEY, suppressions.erasureKey(cursor.workspaceId()))
                .params(cursor.afterParam())
                .params(audience.params())
                .param("last", last)
                .param("notBefore", Timestamps.toDb(cursor.notBefore()))
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /**
     * How many of the audience the suppression list kept out: its suppressed contacts that have no
     * delivery. Counted once for the whole snapshot, from the suppression list's side, because
     * counting it with each chunk read every contact's row a second time, a quarter of a snapshot's
     * time on H2. A contact suppressed after its chunk was queued has a delivery, so it is not
     * counted here.
     */
    private int countSuppressed(UUID campaignId, UUID workspaceId, AudienceCondition audience) {
        return jdbc.sql("""
                select count(*) %s and c.email in (%s) and %s
                  and not exists (select 1 from delivery d where d.campaign_id = :campaignId and d.contact_id = c.id and d.step = 0)
                """.formatted(AudienceSql.WORKSPACE_CONTACTS, SuppressionSql.addressesSuppressedBy(":workspaceId"),
                        audience.sql()))
                .param("workspaceId", workspaceId)
                .param("campaignId", campaignId)
                .params(audience.params())
                .query(Integer.class)
                .single();
    }

    /**
     * How many of the audience its unsubscribe group kept out: its leavers the suppression list did
     * not already keep out ({@link #countSuppressed} counted those), with no delivery.
     */
    private int countLeavers(UUID campaignId, UUID workspaceId, AudienceCondition audience, AudienceCondition leavers) {
        return jdbc.sql("""
                select count(*) %s and %s and %s and not %s
                  and not exists (select 1 from delivery d where d.campaign_id = :campaignId and d.contact_id = c.id and d.step = 0)
                """.formatted(AudienceSql.WORKSPACE_CONTACTS, audience.sql(), leavers.sql(),
                        SuppressionSql.isSuppressed(":workspaceId", "c.email")))
                .param("workspaceId", workspaceId)
                .param("campaignId", campaignId)
                .param(SuppressionSql.ERASURE_KEY, suppressions.erasureKey(workspaceId))
                .params(audience.params())
                .params(leavers.params())
                .query(Integer.class)
                .single();
    }

    /** Those of the audience a range queues: all but the leavers of the campaign's unsubscribe group, if it has one. */
    private AudienceCondition mailed(UUID campaignId, UUID workspaceId) {
        AudienceCondition audience = audience(campaignId, workspaceId);
        return campaigns.unsubscribeGroup(campaignId).map(groups::leavers)
                .map(leavers -> audience.andNot(leavers)).orElse(audience);
    }

    /**
     * The campaign's audience, read once per range: for lists, each contact's test is a look-up in
     * list_member's key; a segment's filter is compiled then, so it matches as it does when the
     * range is queued.
     */
    private AudienceCondition audience(UUID campaignId, UUID workspaceId) {
        CampaignLists named = campaigns.lists(campaignId);
        return lists.audience(workspaceId, named.included(), named.excluded());
    }

    /** A range cut off for queuing: the contacts after {@code after} (none: from the first) up to {@code last}. */
    private record Range(UUID after, UUID last) {
    }

    /**
     * Where a snapshot stands. The first chunk has no lower bound: a separate statement, rather
     * than a null test in one, keeps the contact index's range scan.
     */
    private record Cursor(UUID workspaceId, UUID afterContact, Instant notBefore) {

        String afterCondition() {
            return afterContact == null ? "" : "and c.id > :after";
        }

        Map<String, Object> afterParam() {
            return afterContact == null ? Map.of() : Map.of("after", afterContact);
        }
    }
}
