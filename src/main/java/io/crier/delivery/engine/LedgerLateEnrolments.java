package io.crier.delivery.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.AudienceSql;
import io.crier.campaign.CampaignCounters;
import io.crier.campaign.LateEnrolments;
import io.crier.shared.Timestamps;
import io.crier.suppression.SuppressionSql;
import io.crier.suppression.Suppressions;

/**
 * Enrolment into a started campaign on the ledger: the contacts' first step is queued like the
 * audience snapshot's rows, and the campaign's audience count grows with it. The unique key
 * (campaign, contact, step) and the check for an existing step 0 keep an enrolled contact in
 * its place, however often it is enrolled.
 */
@Component
class LedgerLateEnrolments implements LateEnrolments {

    private final JdbcClient jdbc;
    private final CampaignCounters counters;
    private final Suppressions suppressions;

    LedgerLateEnrolments(JdbcClient jdbc, CampaignCounters counters, Suppressions suppressions) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.suppressions = suppressions;
    }

    /**
     * Enrolment into a started campaign: step 0 for each of these contacts that has none in it yet
     * and is not suppressed, due at once. Returns how many were queued, which the campaign's
     * audience count grows by.
     */
    @Override
    public int queueFirstStep(UUID campaignId, UUID workspaceId, Collection<UUID> contactIds, Instant now) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        int queued = jdbc.sql("""
                insert into delivery (campaign_id, workspace_id, contact_id, step, email, status, not_before,
                                      attempts, updated_at)
                select :campaignId, :workspaceId, c.id, 0, c.email, 'queued', :now, 0, :now
                %s
                  and not %s
                  and not exists (select 1 from delivery d where d.campaign_id = :campaignId
                                  and d.contact_id = c.id and d.step = 0)""".formatted(AudienceSql.CONTACTS_WITH_IDS,
                        SuppressionSql.isSuppressed(":workspaceId", "c.email")))
                .param("campaignId", campaignId)
                .param("workspaceId", workspaceId)
                .param(SuppressionSql.ERASURE_KEY, suppressions.erasureKey(workspaceId))
                .param("ids", contactIds)
                .param("now", Timestamps.toDb(now))
                .update();
        if (queued > 0) {
            counters.addToAudience(campaignId, queued);
        }
        return queued;
    }

    /** Those of these contacts of the workspace whose address is suppressed. */
    @Override
    public Set<UUID> suppressed(UUID workspaceId, Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("""
                select c.id %s
                  and %s""".formatted(AudienceSql.CONTACTS_WITH_IDS, SuppressionSql.isSuppressed(":workspaceId", "c.email")))
                .param("workspaceId", workspaceId)
                .param(SuppressionSql.ERASURE_KEY, suppressions.erasureKey(workspaceId))
                .param("ids", contactIds)
                .query(UUID.class)
                .set();
    }
}
