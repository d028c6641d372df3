package io.crier.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Service;

import io.crier.campaign.CampaignStateMachine.Action;
import io.crier.content.MessageContent;
import io.crier.content.Threading;
import io.crier.content.Templates;
import io.crier.content.Tracking;
import io.crier.shared.ApiException;

/**
 * What the delivery engine asks of campaigns, and the moves it makes (start when due, complete,
 * pause on its own), each decided by {@link CampaignStateMachine} like any other.
 */
@Service
public class CampaignLaunches {

    private static final List<CampaignStatus> SENDING = Arrays.stream(CampaignStatus.values())
            .filter(CampaignStatus::isSending).toList();

    private final CampaignRepository repository;
    private final CampaignLifecycle lifecycle;
    private final Templates templates;

    CampaignLaunches(CampaignRepository repository, CampaignLifecycle lifecycle, Templates templates) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.templates = templates;
    }

    /** Campaigns that are sending now, in every workspace. */
    public List<LaunchedCampaign> sending() {
        Map<UUID, Threading> transactional = repository.transactionalInStatus(SENDING);
        return repository.inStatus(SENDING).stream()
                .flatMap(campaign -> launched(campaign, transactional.get(campaign.id())).stream())
                .toList();
    }

    /** Which of these campaigns have completed: sent or failed. */
    public Set<UUID> completed(Collection<UUID> campaignIds) {
        return repository.inStatus(campaignIds, List.of(CampaignStatus.SENT, CampaignStatus.FAILED));
    }

    public List<CampaignRef> due(Instant now) {
        return repository.due(now);
    }

    /**
     * Moves a due scheduled campaign to sending. Empty when this call did not move it: another
     * node did, it was paused meanwhile, or its time has not come. A campaign whose template is
     * gone cannot send and fails instead. Joins the caller's transaction.
     */
    public Optional<LaunchedCampaign> start(CampaignRef ref) {
        Optional<Campaign> started = lifecycle.applyForEngine(ref, Action.DUE, null, () -> true);
        if (started.isEmpty()) {
            return Optional.empty();
        }
        Optional<LaunchedCampaign> launched = launched(started.get(), null);
        if (launched.isEmpty()) {
            lifecycle.applyForEngine(ref, Action.FAIL, "The campaign's template no longer exists", () -> true);
        }
        return launched;
    }

    /**
     * The engine found every delivery final. {@code allFinal} is asked again once the campaign is
     * read for the write, so deliveries re-queued by a retry-failed in between keep it sending.
     */
    public void complete(CampaignRef ref, BooleanSupplier allFinal) {
        lifecycle.applyForEngine(ref, Action.COMPLETE, null, allFinal);
    }

    /**
     * The engine fails a sending campaign that cannot go on, saying why, if {@code stillApplies}
     * holds once the campaign is read for the write.
     */
    public void fail(CampaignRef ref, String reason, BooleanSupplier stillApplies) {
        lifecycle.applyForEngine(ref, Action.FAIL, reason, stillApplies);
    }

    /** The engine pauses a campaign by itself, saying why (for example a bounce rate over its threshold). */
    public void pause(CampaignRef ref, String reason) {
        lifecycle.applyForEngine(ref, Action.PAUSE, reason, () -> true);
    }

    /**
     * The message a campaign of this workspace sends (its template's parts where it has none of
     * its own), for previews and test sends; 404 for an id of no campaign in this workspace.
     */
    public MessageContent content(UUID workspaceId, String id) {
        Campaign campaign = lifecycle.load(workspaceId, id);
        CampaignSettings settings = campaign.settings();
        return content(campaign, settings.templateId(), settings.subject(), settings.previewText(), settings.html(),
                settings.text()).orElseThrow(() ->
                ApiException.invalid("templateId", "names a template this workspace no longer has"));
    }

    /**
     * Empty when the campaign or one of its steps names a template that no longer exists.
     * {@code transactional}: the threading of a transactional campaign; null for any other.
     */
    private Optional<LaunchedCampaign> launched(Campaign campaign, Threading transactional) {
        CampaignSettings settings = campaign.settings();
        Optional<MessageContent> content = content(campaign, settings.templateId(), settings.subject(),
                settings.previewText(), settings.html(), settings.text());
        List<MessageContent> followUps = new ArrayList<>();
        for (CampaignStep step : settings.steps()) {
            Optional<MessageContent> stepContent = content(campaign, step.templateId(), step.subject(),
                    step.previewText(), step.html(), step.text());
            if (stepContent.isEmpty()) {
                return Optional.empty();
            }
            followUps.add(stepContent.get());
        }
        return content.map(own -> new LaunchedCampaign(campaign.id(), campaign.workspaceId(), own, gradual(settings),
                settings.bounceLimit(), followUps, new Tracking(settings.trackingOpen(), settings.trackingClick()),
                transactional != null, settings.sendingWindow() == null ? null
                        : settings.sendingWindow().window(settings.timezone()), settings.trackReplies(),
                transactional));
    }

    /** One step's message: the campaign's sender with the step's own content, or its template's. */
    private Optional<MessageContent> content(Campaign campaign, UUID templateId, String subject, String previewText,
            String html, String text) {
        CampaignSettings settings = campaign.settings();
        return templates.content(campaign.workspaceId(), templateId, new MessageContent(settings.from().email(),
                settings.from().name(), settings.replyTo(), subject, previewText, html, text));
    }

    private static LaunchedCampaign.Gradual gradual(CampaignSettings settings) {
        GradualSettings gradual = settings.gradual();
        if (settings.sendMode() != SendMode.GRADUAL || gradual == null) {
            return null;
        }
        return new LaunchedCampaign.Gradual(gradual.emailsPerDay(),
                gradual.growth() == null ? 1 : gradual.growth().factor(), gradual.perHour(), gradual.perMinute());
    }
}
