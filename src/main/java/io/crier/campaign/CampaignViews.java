package io.crier.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.crier.audience.AudienceLists;
import io.crier.audience.ListSummary;
import io.crier.campaign.CampaignView.ListView;
import io.crier.campaign.CampaignView.StepView;
import io.crier.shared.Timestamps;

/** Turns campaigns into their API shape, with their counters and their lists' names and sizes. */
@Component
class CampaignViews {

    private final CampaignRepository repository;
    private final AudienceLists lists;
    private final Clock clock;

    CampaignViews(CampaignRepository repository, AudienceLists lists, Clock clock) {
        this.repository = repository;
        this.lists = lists;
        this.clock = clock;
    }

    CampaignView of(Campaign campaign) {
        return of(campaign.workspaceId(), List.of(campaign)).getFirst();
    }

    /** Views of campaigns of one workspace, with one query for all counters and one for all lists. */
    List<CampaignView> of(UUID workspaceId, List<Campaign> campaigns) {
        Map<UUID, CampaignMetrics> metrics = repository.metrics(campaigns.stream().map(Campaign::id).toList());
        Map<UUID, Map<Integer, StepMetrics>> stepMetrics = repository.stepMetrics(campaigns.stream()
                .filter(c -> !c.settings().steps().isEmpty()).map(Campaign::id).toList());
        Map<UUID, ListSummary> summaries = lists.find(workspaceId, campaigns.stream()
                .flatMap(c -> Stream.concat(c.settings().toLists().stream(), c.settings().excludeLists().stream()))
                .distinct().toList());
        Instant now = Timestamps.now(clock);
        return campaigns.stream()
                .map(c -> view(c, metrics.getOrDefault(c.id(), CampaignMetrics.ZERO),
                        stepMetrics.getOrDefault(c.id(), Map.of()), summaries, now))
                .toList();
    }

    private static CampaignView view(Campaign campaign, CampaignMetrics metrics, Map<Integer, StepMetrics> steps,
            Map<UUID, ListSummary> summaries, Instant now) {
        CampaignSettings s = campaign.settings();
        List<StepView> stepViews = IntStream.range(0, s.steps().size())
                .mapToObj(i -> StepView.of(s.steps().get(i), steps.getOrDefault(i + 1, StepMetrics.ZERO))).toList();
        return new CampaignView(campaign.id(), campaign.id(), s.name(), s.subject(), s.previewText(), s.from(),
                s.replyTo(), s.html(), s.html(), s.text(), s.templateId(), listViews(s.toLists(), summaries),
                listViews(s.excludeLists(), summaries), s.sendMode(), s.gradual(), s.scheduledAt(), s.timezone(),
                s.sendingWindow(), s.trackingOpen(), s.trackingClick(), s.trackReplies(), s.unsubscribeGroupId(), s.thresholdPreset(), s.bounceThreshold(),
                stepViews,
                campaign.status(), campaign.archived(), campaign.allowedActions(metrics, now), metrics,
                campaign.sentAt(), campaign.pausedAt(), campaign.resumedAt(), campaign.abortedAt(),
                campaign.pausedReason(), waitingReason(campaign, now), campaign.failureReason(), campaign.createdAt(),
                campaign.updatedAt());
    }

    /** A sending campaign outside its window waits, not paused; the reason says until when. */
    private static String waitingReason(Campaign campaign, Instant now) {
        SendingWindowSettings settings = campaign.settings().sendingWindow();
        if (!campaign.status().isSending() || settings == null) {
            return null;
        }
        SendingWindow window = settings.window(campaign.settings().timezone());
        return window.isOpen(now) ? null
                : "outside its sending window: sends again from " + window.nextOpening(now);
    }

    /** A list deleted since the campaign was read is simply left out. */
    private static List<ListView> listViews(Collection<UUID> ids, Map<UUID, ListSummary> summaries) {
        return ids.stream().map(summaries::get).filter(Objects::nonNull).map(ListView::of).toList();
    }
}
