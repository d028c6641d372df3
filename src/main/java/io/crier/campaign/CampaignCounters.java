package io.crier.campaign;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The campaign's counters ({@code campaign_stats}, {@code campaign_step_stats}), the one way other
 * modules change them. Each method is one statement that joins the caller's transaction, so a
 * count commits or rolls back with the ledger row or event it counts: counted exactly once.
 */
@Repository
public class CampaignCounters {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    CampaignCounters(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** Sent and bounced counts of a campaign since it was last resumed. */
    public record Outcomes(int sent, int bounced) {
    }

    /** Outcomes of one follow-up step, added to that step's counters. */
    public record StepOutcomes(UUID campaignId, int step, int sent, int bounced) {
    }

    /** Adds recorded outcomes to the campaign's counters (processed = sent + bounced + failed). */
    public void addOutcomes(UUID campaignId, int sent, int bounced, int failed) {
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

    /** Adds follow-up steps' sent and bounced outcomes to their steps' counters, in one batch. */
    public void addStepOutcomes(List<StepOutcomes> steps) {
        if (steps.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = steps.stream().map(step -> new MapSqlParameterSource()
                        .addValue("campaignId", step.campaignId())
                        .addValue("step", step.step())
                        .addValue("sent", step.sent())
                        .addValue("bounced", step.bounced()))
                .toArray(MapSqlParameterSource[]::new);
        named.batchUpdate("""
                merge into campaign_step_stats s
                using (select cast(:campaignId as uuid) as campaign_id, cast(:step as integer) as step) v
                on s.campaign_id = v.campaign_id and s.step = v.step
                when matched then update set sent = s.sent + :sent, bounced = s.bounced + :bounced
                when not matched then insert (campaign_id, step, sent, bounced)
                    values (v.campaign_id, v.step, :sent, :bounced)""", rows);
    }

    /** Takes re-queued deliveries out of the campaign's failed (and so processed) counters. */
    public void uncountFailed(UUID campaignId, int requeued) {
        jdbc.sql("""
                update campaign_stats set failed = failed - :requeued, processed = processed - :requeued
                where campaign_id = :campaignId""")
                .param("campaignId", campaignId)
                .param("requeued", requeued)
                .update();
    }

    /** Contacts queued into the campaign's audience (enrolled after the start) join its audience count. */
    public void addToAudience(UUID campaignId, int queued) {
        jdbc.sql("update campaign_stats set total_contacts = total_contacts + :queued where campaign_id = :id")
                .param("id", campaignId)
                .param("queued", queued)
                .update();
    }

    /** A transactional send's audience: the messages queued and those the suppression list kept out. */
    public void setAudience(UUID campaignId, long total, long suppressed) {
        jdbc.sql("update campaign_stats set total_contacts = :total, suppressed = :suppressed where campaign_id = :id")
                .param("id", campaignId)
                .param("total", total)
                .param("suppressed", suppressed)
                .update();
    }

    /** Mail withdrawn because its address was suppressed after it was queued. */
    public void addSuppressed(UUID campaignId, int withdrawn) {
        jdbc.sql("update campaign_stats set suppressed = suppressed + :withdrawn where campaign_id = :campaignId")
                .param("withdrawn", withdrawn)
                .param("campaignId", campaignId)
                .update();
    }

    /** One recipient's first unsubscribe through the campaign's link. */
    public void addUnsubscribe(UUID campaignId) {
        jdbc.sql("update campaign_stats set unsubscribed = unsubscribed + 1 where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .update();
    }

    /** An open or click by a machine (a prefetcher, a link scanner): counted apart from people's. */
    public void addMachineEngagement(UUID campaignId, boolean click) {
        jdbc.sql(click ? "update campaign_stats set machine_clicks = machine_clicks + 1 where campaign_id = :id"
                        : "update campaign_stats set machine_opens = machine_opens + 1 where campaign_id = :id")
                .param("id", campaignId)
                .update();
    }

    /** A person's open or click: always in the total, in the unique count when it is the delivery's first. */
    public void addEngagement(UUID campaignId, boolean click, boolean first) {
        jdbc.sql(click
                        ? "update campaign_stats set total_clicks = total_clicks + 1, clicked = clicked + :first"
                                + " where campaign_id = :id"
                        : "update campaign_stats set total_opens = total_opens + 1, opened = opened + :first"
                                + " where campaign_id = :id")
                .param("first", first ? 1 : 0)
                .param("id", campaignId)
                .update();
    }

    /** A soft bounce heard back (the receiver will try again, or the mailbox is full for now). */
    public void addSoftBounce(UUID campaignId) {
        jdbc.sql("update campaign_stats set soft_bounced = soft_bounced + 1 where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .update();
    }

    /** A recipient reported a message of the campaign as spam (counted once per delivery by the caller). */
    public void addComplaint(UUID campaignId) {
        jdbc.sql("update campaign_stats set spam_reported = spam_reported + 1 where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .update();
    }

    /** A recipient answered a message of the campaign (counted once per delivery by the caller). */
    public void addReply(UUID campaignId) {
        jdbc.sql("update campaign_stats set replied = replied + 1 where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .update();
    }

    /** A campaign's messages delivered (sent) and reported as spam, for its complaint rate. */
    public record Complaints(long delivered, long spamReported) {
    }

    /** The campaign's delivered and spam-reported counts, as committed. */
    public Complaints complaints(UUID campaignId) {
        return jdbc.sql("select delivered, spam_reported from campaign_stats where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .query((rs, row) -> new Complaints(rs.getLong("delivered"), rs.getLong("spam_reported")))
                .optional()
                .orElse(new Complaints(0, 0));
    }

    /** Whether any message of the campaign reached the relay: sent, or bounced by it. */
    public boolean anySentOrBounced(UUID campaignId) {
        return jdbc.sql("select sent + bounced from campaign_stats where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .query(Integer.class)
                .optional()
                .orElse(0) > 0;
    }

    /** Each campaign's sent and bounced counts since it was last resumed (all of them if never). */
    public Map<UUID, Outcomes> outcomesSinceResume(Collection<UUID> campaignIds) {
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
    public void resetBounceBaseline(UUID campaignId) {
        jdbc.sql("update campaign_stats set bounce_base_sent = sent, bounce_base_bounced = bounced"
                        + " where campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .update();
    }
}
