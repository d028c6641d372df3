package io.crier.delivery.log;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.delivery.DeliveryStatus;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/** Reads a campaign's per-recipient log from the ledger, a page at a time. */
@Repository
class CampaignDeliveryLog {

    record DeliveryView(long id, UUID contactId, String email, int step, DeliveryStatus status, int attempts,
            String lastReply, Instant nextAttemptAt, Instant sentAt, Instant updatedAt) {
    }

    record Page(List<DeliveryView> deliveries, long total) {
    }

    private final JdbcClient jdbc;

    CampaignDeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The campaign's deliveries in ledger order, those in {@code status} only when it is not null. */
    Page page(UUID workspaceId, UUID campaignId, DeliveryStatus status, PageQuery query) {
        String filter = " from delivery where workspace_id = :workspaceId and campaign_id = :campaignId"
                + (status == null ? "" : " and status = :status");
        var select = jdbc.sql("select *" + filter + " order by id limit :limit offset :offset")
                .param("workspaceId", workspaceId).param("campaignId", campaignId)
                .param("limit", query.limit()).param("offset", query.offset());
        var count = jdbc.sql("select count(*)" + filter)
                .param("workspaceId", workspaceId).param("campaignId", campaignId);
        if (status != null) {
            select = select.param("status", status.wire());
            count = count.param("status", status.wire());
        }
        List<DeliveryView> rows = select.query((rs, n) -> {
            DeliveryStatus rowStatus = DeliveryStatus.of(rs.getString("status"));
            return new DeliveryView(rs.getLong("id"), rs.getObject("contact_id", UUID.class), rs.getString("email"),
                    rs.getInt("step"), rowStatus, rs.getInt("attempts"), rs.getString("last_reply"),
                    rowStatus == DeliveryStatus.DEFERRED ? Timestamps.read(rs, "not_before") : null,
                    Timestamps.read(rs, "sent_at"), Timestamps.read(rs, "updated_at"));
        }).list();
        return new Page(rows, count.query(Long.class).single());
    }
}
