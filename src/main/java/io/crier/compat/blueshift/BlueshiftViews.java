package io.crier.compat.blueshift;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import io.crier.audience.AudienceLists;
import io.crier.audience.ListSummary;
import io.crier.campaign.CampaignMetrics;
import io.crier.campaign.CampaignSnapshot;
import io.crier.compat.blueshift.BlueshiftJson.Campaign;
import io.crier.compat.blueshift.BlueshiftJson.CampaignDetail;
import io.crier.compat.blueshift.BlueshiftJson.Statistics;

/** Crier campaigns in Blueshift's shape: the segment is the campaign's (first) list. */
@Component
class BlueshiftViews {

    private static final String ONE_TIME = "one_time";

    private final AudienceLists lists;

    BlueshiftViews(AudienceLists lists) {
        this.lists = lists;
    }

    Campaign of(UUID workspaceId, CampaignSnapshot campaign) {
        return of(workspaceId, List.of(campaign)).getFirst();
    }

    /** With one lookup for every segment's name. */
    List<Campaign> of(UUID workspaceId, List<CampaignSnapshot> campaigns) {
        Map<UUID, ListSummary> segments = lists.find(workspaceId,
                campaigns.stream().map(BlueshiftViews::segment).filter(Objects::nonNull).distinct().toList());
        return campaigns.stream().map(campaign -> view(campaign, segments.get(segment(campaign)))).toList();
    }

    CampaignDetail detail(UUID workspaceId, CampaignSnapshot campaign) {
        return details(workspaceId, List.of(campaign)).getFirst();
    }

    List<CampaignDetail> details(UUID workspaceId, List<CampaignSnapshot> campaigns) {
        List<Campaign> views = of(workspaceId, campaigns);
        return IntStream.range(0, campaigns.size())
                .mapToObj(i -> new CampaignDetail(views.get(i), statistics(campaigns.get(i).metrics()))).toList();
    }

    /**
     * Blueshift's counters from Crier's: a send is every message that reached an outcome at the
     * relay (accepted, bounced or failed for good), a delivery one the relay accepted. Opens and
     * clicks are people's (every one, and the deliveries with at least one for the unique counts);
     * those of prefetchers and link scanners are left out.
     */
    static Statistics statistics(CampaignMetrics metrics) {
        return new Statistics(metrics.sent() + metrics.bounced() + metrics.failedCount(), metrics.delivered(),
                metrics.totalOpens(), metrics.opened(), metrics.totalClicks(), metrics.clicked(), metrics.bounced(),
                metrics.unsubscribed(), metrics.spamReported());
    }

    private static Campaign view(CampaignSnapshot campaign, ListSummary segment) {
        BlueshiftStatus status = BlueshiftStatus.ofNative(campaign.status());
        return new Campaign(campaign.id(), campaign.name(), status, campaign.archived(), ONE_TIME,
                campaign.scheduledAt(), null, campaign.createdAt(), campaign.updatedAt(), null,
                campaign.status().isSending(),
                segment == null ? null : segment.id(), segment == null ? null : segment.name(), campaign.templateId(),
                null, null, 0, null, null, null, null);
    }

    private static UUID segment(CampaignSnapshot campaign) {
        return campaign.toLists().isEmpty() ? null : campaign.toLists().getFirst();
    }
}
