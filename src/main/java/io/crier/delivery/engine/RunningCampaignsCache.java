package io.crier.delivery.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.LaunchedCampaign;

/**
 * The running campaigns as the dispatcher sees them, re-read at most every {@link #MAX_AGE} or
 * when the control watcher says something changed, instead of on every dispatch pass. A
 * transactional call marks it stale, so this node claims its mail on the next pass; other nodes
 * see it within {@link #MAX_AGE}.
 */
@Component
public class RunningCampaignsCache {

    static final Duration MAX_AGE = Duration.ofMillis(500);

    private final CampaignLaunches campaigns;
    private final CompiledCampaigns templates;
    private volatile List<LaunchedCampaign> current = List.of();
    private volatile long readAtNanos = Long.MIN_VALUE / 2;

    RunningCampaignsCache(CampaignLaunches campaigns, CompiledCampaigns templates) {
        this.campaigns = campaigns;
        this.templates = templates;
    }

    /** Which of these campaigns have completed (sent or failed), read now: they send nothing more. */
    Set<UUID> completed(Collection<UUID> campaignIds) {
        return campaigns.completed(campaignIds);
    }

    /** Read again on the next {@link #get()}. */
    public void markStale() {
        readAtNanos = Long.MIN_VALUE / 2;
    }

    List<LaunchedCampaign> get() {
        return System.nanoTime() - readAtNanos > MAX_AGE.toNanos() ? refresh() : current;
    }

    synchronized List<LaunchedCampaign> refresh() {
        current = campaigns.sending();
        readAtNanos = System.nanoTime();
        // Finished campaigns (one per transactional call) must not keep their templates forever.
        templates.retainOnly(current.stream().map(LaunchedCampaign::id).collect(Collectors.toSet()));
        return current;
    }
}
