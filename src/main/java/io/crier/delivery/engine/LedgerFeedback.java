package io.crier.delivery.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignCounters.StepOutcomes;
import io.crier.delivery.DeliveriesToAddress;
import io.crier.delivery.DeliveryStatus;
import io.crier.delivery.FeedbackDeliveries;
import io.crier.shared.Timestamps;

/** The ledger's side of feedback heard back, in SQL (see {@link FeedbackDeliveries}). */
@Repository
class LedgerFeedback implements FeedbackDeliveries {

    /** The last reply of a later step cancelled because the contact answered. */
    static final String REPLIED = "replied";

    private static final String COLUMNS = "id, workspace_id, campaign_id, email, step, status, contact_id";
    private static final RowMapper<FeedbackDelivery> ROW = (rs, row) -> new FeedbackDelivery(rs.getLong("id"),
            rs.getObject("workspace_id", UUID.class), rs.getObject("campaign_id", UUID.class), rs.getString("email"),
            rs.getInt("step"), DeliveryStatus.of(rs.getString("status")), rs.getObject("contact_id", UUID.class));

    private final JdbcClient jdbc;
    private final CampaignCounters counters;
    private final BounceGuard guard;

    LedgerFeedback(JdbcClient jdbc, CampaignCounters counters, BounceGuard guard) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.guard = guard;
    }

    @Override
    public Optional<FeedbackDelivery> find(long deliveryId) {
        return jdbc.sql("select " + COLUMNS + " from delivery where id = :id")
                .param("id", deliveryId)
                .query(ROW)
                .optional();
    }

    @Override
    public Optional<FeedbackDelivery> latestTo(UUID workspaceId, UUID campaignId, String email) {
        return jdbc.sql("select " + COLUMNS + " from delivery where id in (" + DeliveriesToAddress.ids(":workspaceId", ":emails")
                        + ") and campaign_id = :campaignId order by step desc, id desc fetch first 1 rows only")
                .param("workspaceId", workspaceId)
                .param("emails", DeliveriesToAddress.addresses(List.of(email)))
                .param("campaignId", campaignId)
                .query(ROW)
                .optional();
    }

    @Override
    public boolean bounced(long deliveryId, String reason, Instant now) {
        Optional<FeedbackDelivery> sent = find(deliveryId).filter(d -> d.status() == DeliveryStatus.SENT);
        if (sent.isEmpty()) {
            return false;
        }
        int moved = jdbc.sql("update delivery set status = 'bounced', last_reply = :reason, updated_at = :now"
                        + " where id = :id and status in ("
                        + DeliveryStatus.guard(Set.of(DeliveryStatus.SENT), DeliveryStatus.BOUNCED) + ")")
                .param("reason", reason)
                .param("now", Timestamps.toDb(now))
                .param("id", deliveryId)
                .update();
        if (moved == 0) {
            return false;
        }
        FeedbackDelivery delivery = sent.get();
        counters.addOutcomes(delivery.campaignId(), -1, 1, 0);
        if (delivery.step() > 0) {
            counters.addStepOutcomes(List.of(new StepOutcomes(delivery.campaignId(), delivery.step(), -1, 1)));
        }
        return true;
    }

    @Override
    public int replied(FeedbackDelivery delivery, Instant now) {
        jdbc.sql("update delivery set replied_at = coalesce(replied_at, :now) where id = :id")
                .param("now", Timestamps.toDb(now))
                .param("id", delivery.id())
                .update();
        if (delivery.contactId() == null) {
            return 0;
        }
        return jdbc.sql("update delivery set status = 'cancelled', last_reply = :reason, updated_at = :now"
                        + " where campaign_id = :campaignId and contact_id = :contactId and step > :step and status in ("
                        + DeliveryStatus.guard(DeliveryStatus.PENDING, DeliveryStatus.CANCELLED) + ")")
                .param("reason", REPLIED)
                .param("now", Timestamps.toDb(now))
                .param("campaignId", delivery.campaignId())
                .param("contactId", delivery.contactId())
                .param("step", delivery.step())
                .update();
    }

    @Override
    public void judgeBounces(UUID campaignId) {
        guard.recorded(Set.of(campaignId));
    }
}
