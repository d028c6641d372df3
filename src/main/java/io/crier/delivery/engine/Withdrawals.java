package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.audience.UnsubscribeGroupChanged;
import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignSql;
import io.crier.delivery.DeliveriesToAddress;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.Timestamps;
import io.crier.suppression.AddressesSuppressed;
import io.crier.suppression.Suppressions;
import io.crier.suppression.Suppressions.HardBounce;

/**
 * Mail that will not be sent after all, in SQL: what an aborted or failed campaign still has
 * waiting is cancelled, and what waits for a suppressed address is withdrawn. An address
 * suppressed elsewhere (an unsubscribe, an entry through the API) has its mail withdrawn in the
 * same transaction ({@link #withdraw}); the outcome recorder adds hard-bounced addresses to the
 * suppression list ({@link #suppress}) and withdraws their mail the same way.
 */
@Repository
class Withdrawals {

    private final JdbcClient jdbc;
    private final Suppressions suppressions;
    private final CampaignCounters counters;
    private final Clock clock;

    Withdrawals(JdbcClient jdbc, Suppressions suppressions, CampaignCounters counters, Clock clock) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
        this.counters = counters;
        this.clock = clock;
    }

    @EventListener
    void withdraw(AddressesSuppressed suppressed) {
        withdrawPending(suppressed.workspaceId(), suppressed.emails(), suppressed.reason().wire(),
                Timestamps.now(clock));
    }

    /**
     * An address that left an unsubscribe group: what waits for it in the campaigns (and
     * transactional calls) sent under that group is withdrawn, later steps of a sequence included.
     */
    @EventListener
    void withdraw(UnsubscribeGroupChanged change) {
        if (change.left()) {
            withdrawPending(change.workspaceId(), List.of(change.email()),
                    " and campaign_id in (" + CampaignSql.underUnsubscribeGroup(":groupId") + ")",
                    Map.of("groupId", change.groupId()), "left the unsubscribe group " + change.groupName(),
                    Timestamps.now(clock));
        }
    }

    /** Abort, or a failed campaign: every delivery still waiting is cancelled. */
    int cancelPending(UUID campaignId, Instant now) {
        return jdbc.sql("update delivery set status = 'cancelled', updated_at = :now where campaign_id = :campaignId"
                        + " and status in (" + DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.CANCELLED) + ")")
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /**
     * Withdraws the mail still waiting for these (stored-form) addresses of the workspace: their
     * queued and deferred deliveries in every campaign become {@code suppressed}, with the reason in
     * their last reply, and each campaign counts them. A delivery claimed at that instant is already
     * on its way, like a send in flight when a campaign pauses.
     */
    void withdrawPending(UUID workspaceId, Collection<String> emails, String reason, Instant now) {
        withdrawPending(workspaceId, emails, "", Map.of(), "the address was suppressed (" + reason + ")", now);
    }

    /** As above, in the campaigns {@code campaignCondition} (SQL on the delivery, with its parameters) allows. */
    private void withdrawPending(UUID workspaceId, Collection<String> emails, String campaignCondition,
            Map<String, ?> conditionParams, String why, Instant now) {
        String pending = DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.SUPPRESSED);
        String toTheAddresses = "id in (" + DeliveriesToAddress.ids(":workspaceId", ":emails") + ")";
        List<UUID> campaigns = jdbc.sql("select distinct campaign_id from delivery where " + toTheAddresses
                        + " and status in (" + pending + ")" + campaignCondition)
                .param("workspaceId", workspaceId)
                .param("emails", DeliveriesToAddress.addresses(emails))
                .params(conditionParams)
                .query(UUID.class)
                .list();
        for (UUID campaignId : campaigns) {
            // Counted from what the update changed: a claim may have taken a row since the select.
            int withdrawn = jdbc.sql("update delivery set status = 'suppressed', last_reply = :reply, updated_at = :now"
                            + " where " + toTheAddresses + " and campaign_id = :campaignId"
                            + " and status in (" + pending + ")")
                    .param("reply", "not sent: " + why)
                    .param("now", Timestamps.toDb(now))
                    .param("workspaceId", workspaceId)
                    .param("emails", DeliveriesToAddress.addresses(emails))
                    .param("campaignId", campaignId)
                    .update();
            counters.addSuppressed(campaignId, withdrawn);
        }
    }

    /** Adds hard-bounced addresses to the workspace's suppression list, through suppression's {@link Suppressions}. */
    void suppress(List<DeliveryResult> bounces, Instant now) {
        suppressions.addHardBounces(bounces.stream()
                .map(bounce -> new HardBounce(bounce.workspaceId(), bounce.email(), bounce.reply())).toList(), now);
    }
}
