package io.crier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/** The per-recipient log of a campaign: who was mailed, with how many attempts and the last reply. */
@RestController
@Tag(name = "Campaigns")
class DeliveryLogController {

    private final JdbcClient jdbc;

    DeliveryLogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record DeliveryView(long id, UUID contactId, String email, int step, DeliveryStatus status, int attempts,
            String lastReply, Instant nextAttemptAt, Instant sentAt, Instant updatedAt) {
    }

    @GetMapping("/v1/campaigns/{id}/deliveries")
    ApiResponse<Map<String, Object>> deliveries(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(name = "status", required = false) String statusFilter,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        DeliveryStatus status = statusFilter == null ? null : parseStatus(statusFilter);
        UUID campaignId = Ids.parse(id).filter(candidate -> campaignExists(caller.workspaceId(), candidate))
                .orElseThrow(() -> ApiException.notFound("CAMPAIGN", "Campaign"));
        String filter = " from delivery where workspace_id = :workspaceId and campaign_id = :campaignId"
                + (status == null ? "" : " and status = :status");
        var select = jdbc.sql("select *" + filter + " order by id limit :limit offset :offset")
                .param("workspaceId", caller.workspaceId()).param("campaignId", campaignId)
                .param("limit", query.limit()).param("offset", query.offset());
        var count = jdbc.sql("select count(*)" + filter)
                .param("workspaceId", caller.workspaceId()).param("campaignId", campaignId);
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
        return ApiResponse.of(query.result("deliveries", rows, count.query(Long.class).single()));
    }

    private static DeliveryStatus parseStatus(String value) {
        try {
            return DeliveryStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", e.getMessage());
        }
    }

    private boolean campaignExists(UUID workspaceId, UUID campaignId) {
        // Transactional calls are hidden campaigns: their messages are read through /v1/mails/{id}.
        return jdbc.sql("select count(*) from campaign where id = :id and workspace_id = :workspaceId"
                        + " and kind = 'campaign'")
                .param("id", campaignId).param("workspaceId", workspaceId)
                .query(Long.class).single() > 0;
    }
}
