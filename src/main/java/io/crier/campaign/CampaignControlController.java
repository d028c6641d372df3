package io.crier.campaign;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.shared.ApiResponse;

/**
 * The lifecycle verbs, AutoSend style ({@code POST /v1/campaigns/{id}/pause}): each answers the
 * campaign object. A repeat (pausing a paused campaign) is a 200 with the current state; a move the
 * campaign's status does not allow is a 422 INVALID_STATE_TRANSITION naming that status.
 */
@Tag(name = "Campaigns")
@RestController
@RequestMapping("/v1/campaigns/{id}")
class CampaignControlController {

    /**
     * The optional body of a send: when to start (read like a campaign's {@code scheduledAt});
     * without it, the campaign's own scheduledAt, or now.
     */
    record SendRequest(String scheduledAt) {
    }

    private final CampaignLifecycle lifecycle;
    private final CampaignViews views;

    CampaignControlController(CampaignLifecycle lifecycle, CampaignViews views) {
        this.lifecycle = lifecycle;
        this.views = views;
    }

    @PostMapping("/send")
    ApiResponse<CampaignView> send(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody(required = false) SendRequest body) {
        return answer(lifecycle.send(caller.workspaceId(), id, body == null ? null : body.scheduledAt()));
    }

    @PostMapping("/pause")
    ApiResponse<CampaignView> pause(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return answer(lifecycle.apply(caller.workspaceId(), id, Action.PAUSE));
    }

    @PostMapping("/resume")
    ApiResponse<CampaignView> resume(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return answer(lifecycle.apply(caller.workspaceId(), id, Action.RESUME));
    }

    @PostMapping("/abort")
    ApiResponse<CampaignView> abort(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return answer(lifecycle.apply(caller.workspaceId(), id, Action.ABORT));
    }

    @PostMapping("/retry-failed")
    ApiResponse<CampaignView> retryFailed(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return answer(lifecycle.retryFailed(caller.workspaceId(), id));
    }

    @PostMapping("/archive")
    ApiResponse<CampaignView> archive(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return answer(lifecycle.apply(caller.workspaceId(), id, Action.ARCHIVE));
    }

    @PostMapping("/unarchive")
    ApiResponse<CampaignView> unarchive(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return answer(lifecycle.apply(caller.workspaceId(), id, Action.UNARCHIVE));
    }

    private ApiResponse<CampaignView> answer(Campaign campaign) {
        return ApiResponse.of(views.of(campaign));
    }
}
