package io.crier.compat.leadterra;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.compat.leadterra.LeadterraJson.Created;
import io.crier.compat.leadterra.LeadterraJson.Enrolled;
import io.crier.compat.leadterra.LeadterraJson.Paused;
import io.crier.compat.leadterra.LeadterraJson.Started;
import io.crier.compat.leadterra.LeadterraJson.Stats;

import tools.jackson.databind.JsonNode;

/** Leadterra's campaign API under {@code /leadterra/v1}: paths, verbs and bodies as Leadterra documents them. */
@Tag(name = "Leadterra", description = "Leadterra's campaign API (Bearer API key); errors are "
        + "{\"error\": {\"code\": \"...\", \"message\": \"...\"}}")
@RestController
@RequestMapping(LeadterraSecurity.BASE + "/campaigns")
class LeadterraCampaignController {

    private final LeadterraCampaigns campaigns;

    LeadterraCampaignController(LeadterraCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody CreateCampaignRequest body) {
        return Created.of(campaigns.create(caller, body));
    }

    /** {@code {"leads": [{"email", "firstName", "lastName", "company", "jobTitle", "customFields": {...}}]}}. */
    @PostMapping("/{id}/leads/bulk")
    Enrolled enrolLeads(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return campaigns.enrol(caller, id, body);
    }

    @PostMapping("/{id}/start")
    Started start(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return campaigns.start(caller.workspaceId(), id);
    }

    @PostMapping("/{id}/pause")
    Paused pause(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return campaigns.pause(caller.workspaceId(), id);
    }

    @GetMapping("/{id}/stats")
    Stats stats(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return campaigns.stats(caller.workspaceId(), id);
    }
}
