package io.crier.compat.blueshift;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignSnapshot;
import io.crier.compat.blueshift.BlueshiftJson.Archived;
import io.crier.compat.blueshift.BlueshiftJson.BulkResult;
import io.crier.compat.blueshift.BlueshiftJson.Campaign;
import io.crier.compat.blueshift.BlueshiftJson.CampaignEnvelope;
import io.crier.compat.blueshift.BlueshiftJson.CampaignSummaries;
import io.crier.compat.blueshift.BlueshiftJson.StatusChange;
import io.crier.compat.blueshift.BlueshiftJson.Success;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;

/** Blueshift's campaign API under {@code /blueshift}: paths, verbs and bodies as Blueshift documents them. */
@Tag(name = "Blueshift", description = "Blueshift's campaign API (HTTP Basic: the API key as user name); "
        + "errors are {\"message\": \"...\"}, or {\"errors\": {field: [...]}} for invalid fields")
@RestController
@RequestMapping(BlueshiftSecurity.BASE + "/api")
class BlueshiftCampaignController {

    private final BlueshiftCampaigns campaigns;
    private final BlueshiftViews views;
    private final Clock clock;

    BlueshiftCampaignController(BlueshiftCampaigns campaigns, BlueshiftViews views, Clock clock) {
        this.campaigns = campaigns;
        this.views = views;
        this.clock = clock;
    }

    @PostMapping("/v1/campaigns/one_time")
    CampaignEnvelope createOneTime(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody OneTimeRequest body) {
        return new CampaignEnvelope(views.of(caller.workspaceId(), campaigns.createOneTime(caller, body)));
    }

    /** Crier sends no campaigns on events: every request here is a 422 saying so. */
    @PostMapping("/v1/campaigns/event_triggered")
    void createEventTriggered() {
        throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION,
                "Crier has no event-triggered campaigns; create a one_time campaign instead");
    }

    @GetMapping("/v1/campaigns/{uuid}.json")
    CampaignEnvelope get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid) {
        return new CampaignEnvelope(views.of(caller.workspaceId(), campaigns.get(caller, uuid)));
    }

    /**
     * The campaign with its statistics. Crier keeps totals, not a time series: {@code start_time}
     * and {@code end_time} are checked but the statistics are always the campaign's totals.
     */
    @GetMapping("/v1/campaigns/{uuid}/detail.json")
    CampaignEnvelope detail(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid,
            @RequestParam(name = "start_time", required = false) String startTime,
            @RequestParam(name = "end_time", required = false) String endTime) {
        checkTime("start_time", startTime);
        checkTime("end_time", endTime);
        return new CampaignEnvelope(views.detail(caller.workspaceId(), campaigns.get(caller, uuid)));
    }

    /** A bare array, oldest first; see {@link CampaignListQuery} for the filters and their defaults. */
    @GetMapping("/v2/campaigns.json")
    List<Campaign> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String email,
            @RequestParam(name = "created_after", required = false) String createdAfter,
            @RequestParam(name = "created_before", required = false) String createdBefore,
            @RequestParam(required = false) String startdate,
            @RequestParam(required = false) String archived,
            @RequestParam(required = false) String status,
            @RequestParam(name = "exec_term", required = false) String execTerm,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(required = false) String page) {
        CampaignListQuery.Parsed query = CampaignListQuery.parse(name, email, createdAfter, createdBefore,
                startdate, archived, status, execTerm, perPage, page, clock);
        return views.of(caller.workspaceId(), campaigns.find(caller, query.filter(), query.page()));
    }

    /**
     * The performance summary: each campaign starting in the range, with its statistics (totals,
     * as in {@code detail.json}), oldest first, a page at a time ({@code page}, {@code per_page}).
     */
    @GetMapping("/v1/campaigns.json")
    CampaignSummaries summary(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(name = "start_time", required = false) String startTime,
            @RequestParam(name = "end_time", required = false) String endTime,
            @RequestParam(required = false) String status,
            @RequestParam(name = "tag_data", required = false) String tagData,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(required = false) String page) {
        CampaignListQuery.Parsed query = CampaignListQuery.summary(startTime, endTime, status, tagData, perPage, page);
        return new CampaignSummaries(views.details(caller.workspaceId(),
                campaigns.find(caller, query.filter(), query.page())));
    }

    @PatchMapping("/v1/campaigns/{uuid}/launch")
    StatusChange launch(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid) {
        return statusChange(campaigns.launch(caller, uuid));
    }

    @PatchMapping("/v1/campaigns/{uuid}/pause")
    StatusChange pause(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid) {
        return statusChange(campaigns.pause(caller, uuid));
    }

    @PatchMapping("/v1/campaigns/{uuid}/update_schedule")
    Success updateSchedule(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid,
            @Valid @RequestBody ScheduleRequest body) {
        campaigns.updateSchedule(caller, uuid, body);
        return Success.YES;
    }

    @PutMapping("/v1/campaigns/{uuid}/archive")
    Archived archive(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid) {
        return new Archived(campaigns.archive(caller, uuid).archived());
    }

    @PutMapping("/v1/campaigns/{uuid}/unarchive")
    Archived unarchive(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String uuid) {
        return new Archived(campaigns.unarchive(caller, uuid).archived());
    }

    @PutMapping("/v1/campaigns/bulk_archive")
    BulkResult bulkArchive(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody BulkRequest body) {
        return campaigns.bulk(caller, body.uuid(), true);
    }

    @PutMapping("/v1/campaigns/bulk_unarchive")
    BulkResult bulkUnarchive(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody BulkRequest body) {
        return campaigns.bulk(caller, body.uuid(), false);
    }

    private static StatusChange statusChange(CampaignSnapshot campaign) {
        return new StatusChange(campaign.id(), BlueshiftStatus.ofNative(campaign.status()), campaign.updatedAt());
    }

    private static void checkTime(String field, String value) {
        List<FieldProblem> problems = new ArrayList<>();
        CampaignListQuery.instant(field, value, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
