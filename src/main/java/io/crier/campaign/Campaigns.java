package io.crier.campaign;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.shared.PageQuery;
import io.crier.shared.PatchReader;

import tools.jackson.databind.json.JsonMapper;

/**
 * What other modules (the vendor dialects) may do with campaigns: the same creation, lifecycle
 * moves and rules as the native API, answered as {@link CampaignSnapshot}s. Every call is scoped
 * to a workspace; an id of another workspace is the same 404 as an unknown one.
 */
@Service
public class Campaigns {

    private final CampaignService campaigns;
    private final CampaignTransitions transitions;
    private final CampaignRepository repository;
    private final PatchReader bodies;
    private final JsonMapper json;
    private final Clock clock;

    Campaigns(CampaignService campaigns, CampaignTransitions transitions, CampaignRepository repository,
            PatchReader bodies, JsonMapper json, Clock clock) {
        this.campaigns = campaigns;
        this.transitions = transitions;
        this.repository = repository;
        this.bodies = bodies;
        this.json = json;
        this.clock = clock;
    }

    public CampaignSnapshot get(UUID workspaceId, String id) {
        return snapshots(List.of(campaigns.get(workspaceId, id))).getFirst();
    }

    /** A page of the campaigns the filter matches, oldest first. */
    public List<CampaignSnapshot> find(UUID workspaceId, CampaignFilter filter, PageQuery page) {
        return snapshots(repository.search(workspaceId, filter, page.offset(), page.limit()));
    }

    /**
     * Creates the campaign as the native create would from the same fields: a start time later
     * than now makes it a scheduled send, and {@code start} publishes it (which needs the
     * caller's {@code send} scope, as natively).
     */
    public CampaignSnapshot create(ApiPrincipal caller, NewCampaign campaign) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", campaign.name());
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("email", campaign.fromEmail());
        from.put("name", campaign.fromName());
        body.put("from", from);
        body.put("replyTo", campaign.replyTo());
        body.put("templateId", campaign.templateId().toString());
        body.put("toLists", campaign.toLists().stream().map(UUID::toString).toList());
        boolean later = campaign.startAt() != null && campaign.startAt().isAfter(clock.instant());
        body.put("sendMode", later ? SendMode.SCHEDULED.wire() : SendMode.IMMEDIATE.wire());
        if (campaign.startAt() != null) {
            body.put("scheduledAt", campaign.startAt().toString());
        }
        body.put("publish", campaign.start());
        return snapshot(campaigns.create(caller, bodies.read(json.valueToTree(body), CampaignRequest.class)));
    }

    /**
     * Creates a campaign from the fields of a native create body ({@code POST /v1/campaigns}),
     * follow-up {@code steps} included, by the same rules and with the same 400s.
     */
    public CampaignSnapshot create(ApiPrincipal caller, Map<String, Object> nativeBody) {
        return snapshot(campaigns.create(caller, bodies.read(json.valueToTree(nativeBody),
                CampaignRequest.class)));
    }

    /** Publishes a draft, to start at its own start time or now (the native send). */
    public CampaignSnapshot send(UUID workspaceId, String id) {
        return snapshot(transitions.send(workspaceId, id, null));
    }

    public CampaignSnapshot pause(UUID workspaceId, String id) {
        return snapshot(transitions.apply(workspaceId, id, Action.PAUSE));
    }

    public CampaignSnapshot resume(UUID workspaceId, String id) {
        return snapshot(transitions.apply(workspaceId, id, Action.RESUME));
    }

    public CampaignSnapshot archive(UUID workspaceId, String id) {
        return snapshot(transitions.apply(workspaceId, id, Action.ARCHIVE));
    }

    public CampaignSnapshot unarchive(UUID workspaceId, String id) {
        return snapshot(transitions.apply(workspaceId, id, Action.UNARCHIVE));
    }

    private CampaignSnapshot snapshot(Campaign campaign) {
        return snapshots(List.of(campaign)).getFirst();
    }

    private List<CampaignSnapshot> snapshots(List<Campaign> found) {
        Map<UUID, CampaignMetrics> metrics = repository.metrics(found.stream().map(Campaign::id).toList());
        return found.stream().map(c -> new CampaignSnapshot(c.id(), c.settings().name(), c.status().wire(),
                c.archived(), c.settings().scheduledAt(), c.startedAt(), c.sentAt(), c.pausedAt(), c.createdAt(),
                c.updatedAt(), c.settings().toLists(), c.settings().templateId(),
                metrics.getOrDefault(c.id(), CampaignMetrics.ZERO))).toList();
    }
}
