package io.crier.delivery.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.audience.UnsubscribeGroups;
import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignCounters.StepOutcomes;
import io.crier.campaign.CampaignSql;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.Timestamps;
import io.crier.suppression.SuppressionSql;

/**
 * Recording outcomes in SQL, all in the outcome recorder's transaction: the guarded move of each
 * claimed row to its outcome (in the {@link LedgerDialect} of the database), the campaign locks taken first, the campaign's and its steps'
 * counters (through campaign's {@link CampaignCounters}), and the next steps a sent delivery queues.
 */
@Repository
class LedgerOutcomes {

    private final JdbcClient jdbc;
    private final LedgerDialect dialect;
    private final CampaignCounters counters;

    LedgerOutcomes(JdbcClient jdbc, LedgerDialect dialect, CampaignCounters counters) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.counters = counters;
    }

    /**
     * Records this node's outcomes in one batch. Returns the outcomes whose rows really moved: an
     * outcome for a row that is no longer claimed (already recorded), or claimed by another node
     * since (this node's lease ran out while it was cut off), changes nothing, like a late release.
     */
    List<DeliveryResult> record(List<DeliveryResult> results, String nodeId, Instant now) {
        boolean[] recorded = dialect.recordOutcomes(results, nodeId, now);
        List<DeliveryResult> moved = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (recorded[i]) {
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
        jdbc.sql(CampaignSql.LOCK_IN_ID_ORDER)
                .param("ids", campaignIds)
                .query(UUID.class)
                .list();
    }

    /**
     * Queues the next step for the contacts of these just-sent deliveries, set-based: due the
     * step's delay after this one was sent, unless the campaign was aborted, the address is
     * suppressed, the contact is gone, has replied to the campaign or left its unsubscribe group, or
     * that step is already queued (a unique key guards it too).
     */
    int queueNextSteps(List<Long> sentIds, Instant now) {
        if (sentIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into delivery (campaign_id, workspace_id, contact_id, step, email, status, not_before,
                                      attempts, updated_at)
                select d.campaign_id, d.workspace_id, d.contact_id, d.step + 1, d.email, 'queued',
                       d.sent_at + %s * interval '1' minute,
                       0, :now
                from delivery d
                %s
                where d.id in (:ids) and d.status = 'sent' and d.contact_id is not null
                  and not exists (select 1 from delivery r where r.campaign_id = d.campaign_id
                                  and r.contact_id = d.contact_id and r.replied_at is not null)
                  and not %s
                  and not %s
                  and not %s
                  and not exists (select 1 from delivery n where n.campaign_id = d.campaign_id
                                  and n.contact_id = d.contact_id and n.step = d.step + 1)""".formatted(
                        CampaignSql.NEXT_STEP_DELAY_MINUTES, CampaignSql.joinNextStep("d"),
                        CampaignSql.isOver("d.campaign_id"), SuppressionSql.isSuppressedByAddress("d.workspace_id", "d.email"),
                        UnsubscribeGroups.leftGroup("d.contact_id", CampaignSql.unsubscribeGroupOf("d.campaign_id"))))
                .param("ids", sentIds)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Adds the sent and bounced outcomes of follow-up steps to their steps' counters. */
    void countSteps(List<DeliveryResult> moved) {
        record Step(UUID campaignId, int step) {
        }
        Map<Step, int[]> counts = new java.util.HashMap<>();
        for (DeliveryResult result : moved) {
            if (result.step() > 0 && (result.status() == DeliveryStatus.SENT
                    || result.status() == DeliveryStatus.BOUNCED)) {
                int[] count = counts.computeIfAbsent(new Step(result.campaignId(), result.step()), key -> new int[2]);
                count[result.status() == DeliveryStatus.SENT ? 0 : 1]++;
            }
        }
        counters.addStepOutcomes(counts.entrySet().stream().map(entry -> new StepOutcomes(entry.getKey().campaignId(),
                entry.getKey().step(), entry.getValue()[0], entry.getValue()[1])).toList());
    }

    /** Adds recorded outcomes to the campaign's counters (processed = sent + bounced + failed). */
    void count(UUID campaignId, int sent, int bounced, int failed) {
        counters.addOutcomes(campaignId, sent, bounced, failed);
    }
}
