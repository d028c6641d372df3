package io.crier.campaign;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;
import io.crier.shared.PatchReader;

import tools.jackson.databind.JsonNode;

/** {@code /v1/campaigns}: AutoSend's campaign CRUD, plus duplicate. */
@Tag(name = "Campaigns", description = "Campaigns and their lifecycle: send, pause, resume, abort, archive")
@RestController
@RequestMapping("/v1/campaigns")
class CampaignController {

    private final CampaignService campaigns;
    private final CampaignViews views;
    private final PatchReader bodies;

    CampaignController(CampaignService campaigns, CampaignViews views, PatchReader bodies) {
        this.campaigns = campaigns;
        this.views = views;
        this.bodies = bodies;
    }

    @PostMapping
    ResponseEntity<ApiResponse<CampaignView>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CampaignRequest.class)))
            @RequestBody JsonNode body) {
        Campaign created = campaigns.create(caller, bodies.read(body, CampaignRequest.class));
        return created(created, "Campaign created successfully");
    }

    @GetMapping("/{id}")
    ApiResponse<CampaignView> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(views.of(campaigns.get(caller.workspaceId(), id)), "Campaign retrieved successfully");
    }

    /** Oldest first. Without {@code archived}, archived and other campaigns are listed alike. */
    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean archived,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        CampaignStatus wanted = status == null ? null : statusFilter(status);
        return ApiResponse.of(query.result("campaigns",
                views.of(caller.workspaceId(), campaigns.list(caller.workspaceId(), wanted, archived, query)),
                campaigns.count(caller.workspaceId(), wanted, archived)));
    }

    @PatchMapping("/{id}")
    ApiResponse<CampaignView> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CampaignRequest.class)))
            @RequestBody JsonNode body) {
        Campaign updated = campaigns.update(caller, id, bodies.read(body, CampaignRequest.class));
        return ApiResponse.of(views.of(updated), "Campaign updated successfully");
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        campaigns.delete(caller.workspaceId(), id);
        return ApiResponse.message("Campaign deleted successfully");
    }

    @PostMapping("/{id}/duplicate")
    ResponseEntity<ApiResponse<CampaignView>> duplicate(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id) {
        return created(campaigns.duplicate(caller.workspaceId(), id), "Campaign duplicated successfully");
    }

    private ResponseEntity<ApiResponse<CampaignView>> created(Campaign campaign, String message) {
        return ResponseEntity.created(URI.create("/v1/campaigns/" + campaign.id()))
                .body(ApiResponse.of(views.of(campaign), message));
    }

    private static CampaignStatus statusFilter(String status) {
        try {
            return CampaignStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", e.getMessage());
        }
    }
}
