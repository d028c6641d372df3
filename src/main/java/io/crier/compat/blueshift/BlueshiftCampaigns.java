package io.crier.compat.blueshift;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.access.ApiPrincipal;
import io.crier.access.Scope;
import io.crier.audience.AudienceLists;
import io.crier.campaign.CampaignFilter;
import io.crier.campaign.CampaignSnapshot;
import io.crier.campaign.Campaigns;
import io.crier.campaign.NewCampaign;
import io.crier.compat.blueshift.BlueshiftJson.BulkResult;
import io.crier.compat.blueshift.BlueshiftJson.Named;
import io.crier.content.TemplateSummary;
import io.crier.content.Templates;
import io.crier.sender.SenderDirectory;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/**
 * Blueshift's campaign calls translated onto Crier's campaigns. Blueshift's rules are stricter
 * than the native API's where it says so: launching a launched campaign and pausing a completed
 * or archived one are 422s, decided here on the campaign's Blueshift status before the native
 * move, which then applies Crier's own rules race-safely.
 */
@Service
class BlueshiftCampaigns {

    private final Campaigns campaigns;
    private final AudienceLists lists;
    private final Templates templates;
    private final BlueshiftSettings settings;
    private final SenderDirectory senders;
    private final Clock clock;

    BlueshiftCampaigns(Campaigns campaigns, AudienceLists lists, Templates templates, BlueshiftSettings settings,
            SenderDirectory senders, Clock clock) {
        this.campaigns = campaigns;
        this.senders = senders;
        this.lists = lists;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A one-time campaign sending the trigger's template to the segment (a list), from the
     * trigger's sender, else the configured one, else the workspace's default sender. Launching it
     * at once needs the {@code send} scope besides {@code write}, as a native create that publishes.
     */
    CampaignSnapshot createOneTime(ApiPrincipal caller, OneTimeRequest request) {
        UUID workspace = caller.workspaceId();
        OneTimeRequest.Trigger trigger = request.triggers().getFirst();
        List<FieldProblem> problems = new ArrayList<>();
        Optional<UUID> segment = Ids.parse(request.segment_uuid())
                .filter(id -> lists.find(workspace, List.of(id)).containsKey(id));
        if (segment.isEmpty()) {
            problems.add(new FieldProblem("segment_uuid", "is not a segment (list) of this workspace"));
        }
        Optional<UUID> template = Ids.parse(trigger.template_uuid())
                .flatMap(id -> templates.find(workspace, id)).map(TemplateSummary::id);
        if (template.isEmpty()) {
            problems.add(new FieldProblem("triggers[0].template_uuid", "is not a template of this workspace"));
        }
        String fromAddress = isBlank(trigger.from_address()) ? settings.fromAddress() : trigger.from_address();
        if (isBlank(fromAddress) && senders.defaultFor(workspace).isEmpty()) {
            problems.add(new FieldProblem("triggers[0].from_address", "is required: this workspace has no default"
                    + " sender (POST /v1/senders) and this Crier none of its own (crier.blueshift.from-address)"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // Without an address of its own, the campaign takes the workspace's default sender.
        String fromName = isBlank(fromAddress) ? null
                : isBlank(trigger.from_name()) ? settings.fromName() : trigger.from_name();
        return campaigns.create(caller, new NewCampaign(request.name(), isBlank(fromAddress) ? null : fromAddress,
                fromName,
                trigger.reply_to_address(), template.get(), null, null, List.of(), List.of(segment.get()),
                request.startdate() != null ? request.startdate() : Timestamps.now(clock), request.launches()));
    }

    CampaignSnapshot get(ApiPrincipal caller, String uuid) {
        return campaigns.get(caller.workspaceId(), uuid);
    }

    List<CampaignSnapshot> find(ApiPrincipal caller, CampaignFilter filter, PageQuery page) {
        return campaigns.find(caller.workspaceId(), filter, page);
    }

    /**
     * Launches a draft (the native send: it starts at its start date, or now if that has passed)
     * or resumes a paused campaign. Archived, completed and launched campaigns are a 422, and so
     * is a draft that lacks what sending needs.
     */
    CampaignSnapshot launch(ApiPrincipal caller, String uuid) {
        CampaignSnapshot campaign = get(caller, uuid);
        BlueshiftStatus status = refuseArchived(campaign, "launched");
        return switch (status) {
            case DRAFT -> sendDraft(caller, uuid);
            case PAUSED -> campaigns.resume(caller.workspaceId(), uuid);
            case LAUNCHED -> throw cannot("launched", "it is already launched");
            case COMPLETED -> throw cannot("launched", "it is completed");
        };
    }

    /**
     * Pauses a launched campaign. Pausing a paused campaign or a draft changes nothing and answers
     * its current status; completed and archived campaigns are a 422.
     */
    CampaignSnapshot pause(ApiPrincipal caller, String uuid) {
        CampaignSnapshot campaign = get(caller, uuid);
        if (refuseArchived(campaign, "paused") == BlueshiftStatus.COMPLETED) {
            throw cannot("paused", "it is completed");
        }
        return campaigns.pause(caller.workspaceId(), uuid);
    }

    /**
     * Archives any campaign, as Blueshift allows: a launched one is paused in the same move (which
     * needs {@code send}, as a pause does) and answers once it has stopped sending. Unarchived, it is paused, and a launch
     * resumes it.
     */
    CampaignSnapshot archive(ApiPrincipal caller, String uuid) {
        CampaignSnapshot campaign = get(caller, uuid);
        if (!campaign.archived() && campaign.status().isPausable()) {
            caller.require(Scope.SEND, "to stop the launched campaign it archives");
        }
        return campaigns.stopAndArchive(caller.workspaceId(), uuid);
    }

    /**
     * Moves a campaign's start date: a draft's, or a launched or paused one's that has not begun
     * sending. An end date before the start is a 400; a recurring schedule, a campaign that has
     * begun sending, a completed or an archived one are a 422.
     */
    void updateSchedule(ApiPrincipal caller, String uuid, ScheduleRequest request) {
        if (request.enddate() != null && request.enddate().isBefore(request.startdate())) {
            throw ApiException.invalid("enddate", "must not be before startdate");
        }
        CampaignSnapshot campaign = get(caller, uuid);
        refuseArchived(campaign, "rescheduled");
        if (request.recurringField() != null) {
            throw cannot("rescheduled", request.recurringField() + " is not supported: Crier campaigns run once");
        }
        campaigns.reschedule(caller, uuid, request.startdate());
    }

    CampaignSnapshot unarchive(ApiPrincipal caller, String uuid) {
        return campaigns.unarchive(caller.workspaceId(), uuid);
    }

    /**
     * Archives or unarchives each campaign named once: {@code no_change} if it already was,
     * {@code blocked} if its status forbids it, {@code failed} if it is no campaign of this
     * workspace.
     */
    BulkResult bulk(ApiPrincipal caller, List<String> uuids, boolean archive) {
        List<Named> successful = new ArrayList<>();
        List<String> noChange = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String uuid : new LinkedHashSet<>(uuids)) {
            Optional<CampaignSnapshot> before = find(caller, uuid);
            if (before.isEmpty()) {
                failed.add(uuid);
            } else if (before.get().archived() == archive) {
                noChange.add(uuid);
            } else {
                try {
                    CampaignSnapshot after = archive ? archive(caller, uuid) : unarchive(caller, uuid);
                    successful.add(new Named(after.id(), after.name()));
                } catch (ApiException refused) {
                    (refused.status() == HttpStatus.UNPROCESSABLE_CONTENT ? blocked : failed).add(uuid);
                }
            }
        }
        return new BulkResult(successful, noChange, blocked, failed);
    }

    private Optional<CampaignSnapshot> find(ApiPrincipal caller, String uuid) {
        try {
            return Optional.of(get(caller, uuid));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** A draft that cannot be sent yet (no sender, an empty template...) is a 422 naming what it lacks. */
    private CampaignSnapshot sendDraft(ApiPrincipal caller, String uuid) {
        try {
            return campaigns.send(caller.workspaceId(), uuid);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION,
                    "The campaign cannot be launched", e.details());
        }
    }

    private static BlueshiftStatus refuseArchived(CampaignSnapshot campaign, String what) {
        if (campaign.archived()) {
            throw cannot(what, "it is archived");
        }
        return BlueshiftStatus.ofNative(campaign.status());
    }

    private static ApiException cannot(String what, String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION,
                "The campaign cannot be " + what + ": " + why);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
