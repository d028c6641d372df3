package io.crier.delivery.log;

import java.util.Map;
import java.util.UUID;

import io.crier.delivery.DeliveryStatus;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.crier.access.ApiPrincipal;
import io.crier.campaign.Campaigns;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/** The per-recipient log of a campaign: who was mailed, with how many attempts and the last reply. */
@RestController
@Tag(name = "Campaigns")
class DeliveryLogController {

    private final CampaignDeliveryLog log;
    private final Campaigns campaigns;

    DeliveryLogController(CampaignDeliveryLog log, Campaigns campaigns) {
        this.log = log;
        this.campaigns = campaigns;
    }

    /** Transactional calls are hidden campaigns, a 404 here: their messages are read through /v1/mails/{id}. */
    @GetMapping("/v1/campaigns/{id}/deliveries")
    ApiResponse<Map<String, Object>> deliveries(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(name = "status", required = false) String statusFilter,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        DeliveryStatus status = statusFilter == null ? null : parseStatus(statusFilter);
        UUID campaignId = campaigns.get(caller.workspaceId(), id).id();
        CampaignDeliveryLog.Page found = log.page(caller.workspaceId(), campaignId, status, query);
        return ApiResponse.of(query.result("deliveries", found.deliveries(), found.total()));
    }

    private static DeliveryStatus parseStatus(String value) {
        try {
            return DeliveryStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", e.getMessage());
        }
    }
}
