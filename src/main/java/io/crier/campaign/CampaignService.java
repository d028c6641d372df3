package io.crier.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.shared.ApiException;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Patch;
import io.crier.shared.Timestamps;

/** Creating, reading, editing, deleting and duplicating a workspace's campaigns. */
@Service
class CampaignService {

    private static final String COPY_SUFFIX = " (copy)";
    private static final int MAX_NAME_LENGTH = 200;

    private final CampaignRepository repository;
    private final CampaignLifecycle lifecycle;
    private final CampaignEdits edits;
    private final Clock clock;

    CampaignService(CampaignRepository repository, CampaignLifecycle lifecycle, CampaignEdits edits, Clock clock) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.edits = edits;
        this.clock = clock;
    }

    /**
     * A new draft; with {@code publish} or {@code sendNow} it is started straight away, which needs
     * the {@code send} scope.
     */
    Campaign create(ApiPrincipal caller, Patch<CampaignRequest> body) {
        if (body.values().startsSending()) {
            SendScope.toStart(caller);
        }
        UUID workspaceId = caller.workspaceId();
        Instant now = Timestamps.now(clock);
        Campaign campaign = Campaign.draft(Ids.newId(), workspaceId,
                edits.apply(workspaceId, CampaignSettings.DEFAULTS, body), now);
        if (body.values().startsSending()) {
            campaign = lifecycle.sent(campaign, requestedStart(body, now), now);
        }
        lifecycle.insert(campaign);
        return campaign;
    }

    Campaign get(UUID workspaceId, String id) {
        return lifecycle.load(workspaceId, id);
    }

    List<Campaign> list(UUID workspaceId, CampaignStatus status, Boolean archived, PageQuery page) {
        return repository.list(workspaceId, status, archived, page.offset(), page.limit());
    }

    long count(UUID workspaceId, CampaignStatus status, Boolean archived) {
        return repository.count(workspaceId, status, archived);
    }

    /**
     * A partial update, allowed while the campaign is a draft, scheduled or paused. A campaign that
     * is already scheduled or paused must stay sendable, and editing it needs the {@code send}
     * scope. With {@code publish} or {@code sendNow} the (edited) draft is then started, all in
     * one write; that needs {@code send} too.
     */
    Campaign update(ApiPrincipal caller, String id, Patch<CampaignRequest> body) {
        if (body.values().startsSending()) {
            SendScope.toStart(caller);
        }
        UUID workspaceId = caller.workspaceId();
        boolean editsSettings = body.named().stream().anyMatch(p -> !CampaignRequest.START_PROPERTIES.contains(p));
        return lifecycle.update(workspaceId, id, current -> {
            Instant now = Timestamps.now(clock);
            Campaign next = current;
            if (editsSettings) {
                SendScope.toEdit(caller, current);
                lifecycle.checkAllowed(current, Action.EDIT);
                CampaignSettings settings = edits.apply(workspaceId, current.settings(), body);
                keepsItsSteps(current, settings);
                if (current.status() != CampaignStatus.DRAFT) {
                    edits.checkReady(workspaceId, settings);
                }
                next = settings.equals(current.settings()) ? current : current.edited(settings, now);
            }
            return body.values().startsSending() ? lifecycle.sent(next, requestedStart(body, now), now) : next;
        });
    }

    /** Only drafts can be deleted (AutoSend's rule); their lists and counters go with them. */
    void delete(UUID workspaceId, String id) {
        lifecycle.delete(workspaceId, id);
    }

    /** A new draft with the same content, lists and settings, named "name (copy)", with zeroed counters. */
    Campaign duplicate(UUID workspaceId, String id) {
        CampaignSettings source = lifecycle.load(workspaceId, id).settings();
        String name = source.name().length() + COPY_SUFFIX.length() <= MAX_NAME_LENGTH ? source.name()
                : source.name().substring(0, MAX_NAME_LENGTH - COPY_SUFFIX.length());
        Campaign copy = Campaign.draft(Ids.newId(), workspaceId, source.withName(name + COPY_SUFFIX),
                Timestamps.now(clock));
        lifecycle.insert(copy);
        return copy;
    }

    /**
     * Contacts of a campaign that has started may be waiting for any of its steps, so its steps can
     * be changed and added to, but none removed.
     */
    private static void keepsItsSteps(Campaign current, CampaignSettings next) {
        int steps = current.settings().steps().size();
        if (current.startedAt() != null && next.steps().size() < steps) {
            throw ApiException.invalid("steps", "a campaign that has started keeps its " + steps
                    + " follow-up step(s): they can be changed and more can be added, but none removed");
        }
    }

    private static Instant requestedStart(Patch<CampaignRequest> body, Instant now) {
        return Boolean.TRUE.equals(body.values().sendNow()) ? now : null;
    }
}
