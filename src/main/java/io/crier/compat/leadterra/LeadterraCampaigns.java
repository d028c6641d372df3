package io.crier.compat.leadterra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.access.ApiPrincipal;
import io.crier.audience.AudienceLists;
import io.crier.audience.ContactBatches;
import io.crier.audience.ListSummary;
import io.crier.campaign.CampaignEnrolments;
import io.crier.campaign.CampaignEnrolments.Enrolment;
import io.crier.campaign.CampaignMetrics;
import io.crier.campaign.CampaignSnapshot;
import io.crier.campaign.Campaigns;
import io.crier.campaign.NewCampaign;
import io.crier.campaign.NewCampaign.FollowUp;
import io.crier.compat.leadterra.CreateCampaignRequest.SequenceStep;
import io.crier.compat.leadterra.LeadterraJson.CampaignFields;
import io.crier.compat.leadterra.LeadterraJson.Enrolled;
import io.crier.compat.leadterra.LeadterraJson.Paused;
import io.crier.compat.leadterra.LeadterraJson.Started;
import io.crier.compat.leadterra.LeadterraJson.Stats;
import io.crier.compat.leadterra.LeadterraJson.Step;
import io.crier.delivery.PendingDeliveries;
import io.crier.delivery.SenderPools;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;

import tools.jackson.databind.JsonNode;

/**
 * Leadterra's campaign calls translated onto Crier's campaigns. A Leadterra campaign is a Crier
 * campaign whose first sequence step is its own message (step 0) and whose later steps are its
 * follow-up steps, sent to a list of its own that leads are enrolled into. Every move goes
 * through the native rules; Leadterra's no-ops (start on a running campaign, pause on a draft or
 * paused one) are decided here on the campaign as read.
 */
@Service
class LeadterraCampaigns {

    private final Campaigns campaigns;
    private final CampaignEnrolments enrolments;
    private final ContactBatches contacts;
    private final AudienceLists lists;
    private final PendingDeliveries pending;
    private final LeadterraSettings settings;
    private final SenderPools pools;
    private final TransactionTemplate transactions;

    LeadterraCampaigns(Campaigns campaigns, CampaignEnrolments enrolments, ContactBatches contacts,
            AudienceLists lists, PendingDeliveries pending, LeadterraSettings settings, SenderPools pools,
            TransactionTemplate transactions) {
        this.campaigns = campaigns;
        this.enrolments = enrolments;
        this.contacts = contacts;
        this.lists = lists;
        this.pending = pending;
        this.settings = settings;
        this.pools = pools;
        this.transactions = transactions;
    }

    /** A draft with its sequence, sending to a new list of its own, from the configured sender. */
    CampaignFields create(ApiPrincipal caller, CreateCampaignRequest request) {
        UUID workspaceId = caller.workspaceId();
        List<SequenceStep> steps = request.steps();
        if (!steps.isEmpty() && steps.getFirst().delay() != 0) {
            throw ApiException.invalid("sequenceSteps[0].delayDays",
                    "must be 0: the first step is sent when the campaign starts or the lead is enrolled");
        }
        String pool = request.senderPoolId();
        if (pool != null && pools.usableBy(workspaceId).stream().noneMatch(usable -> usable.id().equals(pool))) {
            throw ApiException.invalid("senderPoolId", "names no sender pool of this workspace; GET /sender-pools lists them");
        }
        SequenceStep first = steps.isEmpty() ? null : steps.getFirst();
        List<FollowUp> followUps = steps.stream().skip(1)
                .map(step -> new FollowUp(step.subject(), step.bodyHtml(), step.delay())).toList();
        CampaignSnapshot snapshot = transactions.execute(status -> {
            UUID list = contacts.createList(workspaceId, request.name(), "Leads of a Leadterra campaign");
            CampaignSnapshot created = campaigns.create(caller, new NewCampaign(request.name(),
                    blankToNull(settings.fromAddress()), blankToNull(settings.fromName()), null, null,
                    first == null ? null : first.subject(), first == null ? null : first.bodyHtml(), followUps,
                    List.of(list), null, false));
            if (pool != null) {
                pools.route(workspaceId, created.id(), pool);
            }
            return created;
        });
        return new CampaignFields(snapshot.id(), snapshot.name(), LeadterraStatus.ofNative(snapshot.status()),
                steps.stream().map(Step::of).toList(), snapshot.createdAt());
    }

    /**
     * Upserts the leads by email as contacts (their other fields as custom fields), puts them in
     * the campaign's list and enrols them: all of them or, when any lead is invalid, none (422).
     * Enrolling into a campaign that has started mails the leads at once, so it needs {@code send}.
     */
    Enrolled enrol(ApiPrincipal caller, String id, JsonNode body) {
        UUID workspaceId = caller.workspaceId();
        JsonNode leads = body.path("leads");
        if (!leads.isArray() || leads.isEmpty() || leads.size() > ContactBatches.MAX_CONTACTS) {
            throw ApiException.invalid("leads", "must be an array of 1 to " + ContactBatches.MAX_CONTACTS + " leads");
        }
        CampaignSnapshot campaign = campaigns.get(workspaceId, id);
        if (LeadterraStatus.isEnded(campaign.status()) || campaign.archived()) {
            throw invalidRequest("The campaign is " + (campaign.archived() ? "archived" : campaign.status().wire())
                    + " in Crier and takes no more leads");
        }
        enrolments.checkMayEnrol(caller, id);
        if (campaign.toLists().isEmpty()) {
            throw invalidRequest("The campaign has no list to enrol leads into; give it one through /v1/campaigns");
        }
        List<JsonNode> rows = new ArrayList<>();
        leads.forEach(lead -> rows.add(LeadFields.asContact(lead)));
        List<FieldProblem> problems = contacts.check(rows).stream().map(problem -> new FieldProblem(
                "leads[" + problem.index() + "]." + problem.field(), problem.message())).toList();
        if (!problems.isEmpty()) {
            throw invalidLeads("No lead was enrolled: " + problems.size() + " problem(s) in the leads", problems);
        }
        ContactBatches.Upserted upserted = contacts.upsertIntoList(workspaceId, campaign.toLists().getFirst(), rows);
        if (!upserted.failed().isEmpty()) {
            throw invalidLeads("Some leads could not be stored; the others were enrolled",
                    upserted.failed().stream().map(failure -> new FieldProblem(
                            "leads[" + failure.index() + "]." + failure.field(), failure.message())).toList());
        }
        List<UUID> all = new ArrayList<>(upserted.newMembers());
        all.addAll(upserted.alreadyMembers());
        Enrolment enrolment = enrolments.enrol(caller, id, all);
        Set<UUID> skipped = new HashSet<>(enrolment.suppressed());
        int enrolled = (int) upserted.newMembers().stream().filter(lead -> !skipped.contains(lead)).count();
        int updated = (int) upserted.alreadyMembers().stream().filter(lead -> !skipped.contains(lead)).count();
        return new Enrolled(enrolled, updated, enrolled + updated, skipped.size());
    }

    /** Starts a draft, resumes a paused campaign, and leaves a running one as it is. */
    Started start(UUID workspaceId, String id) {
        CampaignSnapshot campaign = campaigns.get(workspaceId, id);
        if (LeadterraStatus.isEnded(campaign.status()) || campaign.archived()) {
            throw invalidRequest("The campaign is " + (campaign.archived() ? "archived" : campaign.status().wire())
                    + " in Crier and cannot be started");
        }
        return switch (campaign.status()) {
            case DRAFT -> started(send(workspaceId, campaign), null);
            case PAUSED -> {
                CampaignSnapshot resumed = campaigns.resume(workspaceId, id);
                yield started(resumed, resumed.updatedAt());
            }
            default -> started(campaign, null);
        };
    }

    /**
     * Pauses a running campaign, one whose leads have all finished too: it holds the first steps
     * of leads enrolled later until {@code start} resumes it. A paused one is paused again, which
     * changes nothing but waits for every node to have stopped sending it, as the first call did.
     * A draft answers its current state.
     */
    Paused pause(UUID workspaceId, String id) {
        CampaignSnapshot campaign = campaigns.get(workspaceId, id);
        if (!LeadterraStatus.isEnded(campaign.status()) && !campaign.archived()) {
            campaign = campaigns.hold(workspaceId, id);
        }
        String status = LeadterraStatus.ofNative(campaign.status());
        return new Paused(campaign.id(), status, status.equals(LeadterraStatus.PAUSED) ? campaign.pausedAt() : null);
    }

    Stats stats(UUID workspaceId, String id) {
        CampaignSnapshot campaign = campaigns.get(workspaceId, id);
        CampaignMetrics metrics = campaign.metrics();
        long enrolled = campaign.startedAt() != null ? metrics.totalContacts()
                : lists.find(workspaceId, campaign.toLists()).values().stream()
                        .mapToLong(ListSummary::contactCount).sum();
        return new Stats(campaign.id(), enrolled, metrics.sent(), metrics.delivered(), metrics.bounced(),
                metrics.replied(), pending.count(workspaceId, campaign.id()), metrics.openRate(), metrics.replyRate());
    }

    /**
     * The native send, after Leadterra's own checks: a campaign needs leads, and a sequence (a
     * subject and content for every step) before it starts.
     */
    private CampaignSnapshot send(UUID workspaceId, CampaignSnapshot draft) {
        long leads = lists.find(workspaceId, draft.toLists()).values().stream()
                .mapToLong(ListSummary::contactCount).sum();
        if (leads == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, LeadterraErrors.NO_LEADS_ENROLLED,
                    "No leads are enrolled in the campaign; add some with POST /campaigns/{id}/leads/bulk");
        }
        try {
            return campaigns.send(workspaceId, draft.id().toString());
        } catch (ApiException notReady) {
            if (notReady.details().stream().anyMatch(LeadterraCampaigns::isSequenceField)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, LeadterraErrors.NO_SEQUENCE_STEPS,
                        "The campaign has no complete sequence step to send", notReady.details());
            }
            throw notReady;
        }
    }

    /** Fields of the native campaign that hold its sequence: its own subject and content, and its steps. */
    private static boolean isSequenceField(FieldProblem problem) {
        return problem.field().equals("subject") || problem.field().equals("html")
                || problem.field().startsWith("steps[");
    }

    /** When the campaign began running: a resume's own time, else its start (or its start time while the engine picks it up). */
    private static Started started(CampaignSnapshot campaign, Instant resumedAt) {
        Instant startedAt = resumedAt != null ? resumedAt
                : campaign.startedAt() != null ? campaign.startedAt() : campaign.scheduledAt();
        return new Started(campaign.id(), LeadterraStatus.ofNative(campaign.status()), startedAt);
    }

    private static ApiException invalidRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, LeadterraErrors.INVALID_REQUEST, message);
    }

    private static ApiException invalidLeads(String message, List<FieldProblem> problems) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, LeadterraErrors.INVALID_LEADS, message, problems);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
