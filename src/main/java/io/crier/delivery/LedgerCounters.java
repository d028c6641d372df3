package io.crier.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's counts in SQL: the campaign counters that outcomes are taken out of again
 * (retry-failed), what a campaign has sent and bounced (since its last resume: the bounce
 * baseline), and how many deliveries have a status.
 */
@Repository
class LedgerCounters {

    private final JdbcClient jdbc;

    LedgerCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
     * How many deliveries, of all campaigns, have this status. H2 counts on the {@code delivery_lease}
     * index, which leads with the status; PostgreSQL's holds only claimed rows (it costs every
     * queued row an index entry otherwise), so there the other statuses take a scan, once a scrape.
     */
    long countWithStatus(DeliveryStatus status) {
        return jdbc.sql("select count(*) from delivery where status = :status")
                .param("status", status.wire())
                .query(Long.class)
                .single();
    }
}
