package io.crier.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.PageQuery;
import io.crier.shared.PatchReader;
import io.crier.shared.Timestamps;

/**
 * What other modules (the vendor dialects) may do with campaigns: the same creation, lifecycle
 * moves and rules as the native API, answered as {@link CampaignSnapshot}s. Every call is scoped
 * to a workspace; an id of another workspace is the same 404 as an unknown one.
 */
@Service
public class Campaigns {

    /** What a {@link NewCampaign} sets; its nulls are the values a new campaign has anyway. */
    private static final Set<String> CREATE_PROPERTIES = Set.of("name", "subject", "from.email", "from.name",
            "replyTo", "html", "templateId", "toLists", "sendMode", "scheduledAt", "steps", "publish");

    private final CampaignService campaigns;
    private final CampaignLifecycle lifecycle;
    private final CampaignRepository repository;
    private final PatchReader bodies;
    private final Clock clock;

    Campaigns(CampaignService campaigns, CampaignLifecycle lifecycle, CampaignRepository repository,
            PatchReader bodies, Clock clock) {
        this.campaigns = campaigns;
        this.lifecycle = lifecycle;
        this.repository = repository;
        this.bodies = bodies;
        this.clock = clock;
    }

    public CampaignSnapshot get(UUID workspaceId, String id) {
        return snapshot(campaigns.get(workspaceId, id));
    }

    /** A page of the campaigns the filter matches, oldest first. */
    public List<CampaignSnapshot> find(UUID workspaceId, CampaignFilter filter, PageQuery page) {
        return snapshots(repository.search(workspaceId, filter, page.offset(), page.limit()));
    }

    /**
     * Creates the campaign as the native create would from the same fields, by the same rules and
     * with the same 400s: a start time later than now makes it a scheduled send, and
     * {@code start} publishes it (which needs the caller's {@code send} scope, as natively).
     */
    public CampaignSnapshot create(ApiPrincipal caller, NewCampaign campaign) {
        return snapshot(campaigns.create(caller, bodies.check(request(campaign), CREATE_PROPERTIES)));
    }

    private CampaignRequest request(NewCampaign campaign) {
        boolean later = campaign.startAt() != null && campaign.startAt().isAfter(clock.instant());
        List<StepRequest> followUps = campaign.followUps().stream().map(step -> new StepRequest(step.subject(),
                null, step.html(), null, null, step.delayDays(), null, null)).toList();
        return new CampaignRequest(campaign.name(), campaign.subject(), null,
                new Sender(campaign.fromEmail(), campaign.fromName()), campaign.replyTo(), campaign.html(), null,
                campaign.templateId() == null ? null : campaign.templateId().toString(),
                campaign.toLists().stream().map(id -> new ListRef(id.toString())).toList(), null,
                later ? SendMode.SCHEDULED : SendMode.IMMEDIATE, null,
                campaign.startAt() == null ? null : campaign.startAt().toString(), null, null, null, null, null,
                followUps, null, campaign.start(), null, null, null, null, null);
    }

    /** Publishes a draft, to start at its own start time or now (the native send). */
    public CampaignSnapshot send(UUID workspaceId, String id) {
        return snapshot(lifecycle.send(workspaceId, id, null));
    }

    public CampaignSnapshot pause(UUID workspaceId, String id) {
        return snapshot(lifecycle.apply(workspaceId, id, Action.PAUSE));
    }

    /**
     * Pauses a campaign that stays open to new contacts (Leadterra's): as {@link #pause}, and a
     * sent campaign too, so that contacts enrolled later are held until it is resumed.
     */
    public CampaignSnapshot hold(UUID workspaceId, String id) {
        return snapshot(lifecycle.apply(workspaceId, id, Action.HOLD));
    }

    /**
     * Archives any campaign (Blueshift's archive): one that is scheduled or sending is paused in
     * the same move, and answers once it has stopped, as a pause does.
     */
    public CampaignSnapshot stopAndArchive(UUID workspaceId, String id) {
        return snapshot(lifecycle.apply(workspaceId, id, Action.STOP_AND_ARCHIVE));
    }

    /**
     * Moves the start time of a campaign that has not started sending: a draft, or a scheduled or
     * paused one (which needs {@code send}, as any edit of a published campaign). A time past
     * means now. A campaign that has started is a 422: its start is behind it.
     */
    public CampaignSnapshot reschedule(ApiPrincipal caller, String id, Instant startAt) {
        return snapshot(lifecycle.update(caller.workspaceId(), id, current -> {
            SendScope.toEdit(caller, current);
            lifecycle.checkAllowed(current, Action.EDIT);
            if (current.startedAt() != null) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCodes.INVALID_STATE_TRANSITION,
                        "The campaign has started sending; its start time cannot move");
            }
            CampaignSettings settings = current.settings().withScheduledAt(startAt);
            return settings.equals(current.settings()) ? current : current.edited(settings, Timestamps.now(clock));
        }));
    }

    public CampaignSnapshot resume(UUID workspaceId, String id) {
        return snapshot(lifecycle.apply(workspaceId, id, Action.RESUME));
    }

    public CampaignSnapshot archive(UUID workspaceId, String id) {
        return snapshot(lifecycle.apply(workspaceId, id, Action.ARCHIVE));
    }

    public CampaignSnapshot unarchive(UUID workspaceId, String id) {
        return snapshot(lifecycle.apply(workspaceId, id, Action.UNARCHIVE));
    }

    private CampaignSnapshot snapshot(Campaign campaign) {
        return snapshots(List.of(campaign)).getFirst();
    }

    private List<CampaignSnapshot> snapshots(List<Campaign> found) {
        Map<UUID, CampaignMetrics> metrics = repository.metrics(found.stream().map(Campaign::id).toList());
        Instant now = Timestamps.now(clock);
        return found.stream().map(c -> {
            CampaignMetrics counted = metrics.getOrDefault(c.id(), CampaignMetrics.ZERO);
            return new CampaignSnapshot(c.id(), c.settings().name(), c.status(), c.archived(),
                    c.settings().scheduledAt(), c.startedAt(), c.sentAt(), c.pausedAt(), c.createdAt(), c.updatedAt(),
                    c.settings().toLists(), c.settings().templateId(), counted, c.allowedActions(counted, now));
        }).toList();
    }
}
