package io.crier.delivery;

import java.time.Duration;
import java.util.List;

/**
 * The running campaigns as the dispatcher sees them, re-read at most every {@link #MAX_AGE} or
 * when the control watcher says something changed, instead of on every dispatch pass.
 */
final class RunningCampaignsCache {

    static final Duration MAX_AGE = Duration.ofMillis(500);

    private final CampaignRuns campaigns;
    private volatile List<RunningCampaign> current = List.of();
    private volatile long readAtNanos = Long.MIN_VALUE / 2;

    RunningCampaignsCache(CampaignRuns campaigns) {
        this.campaigns = campaigns;
    }

    List<RunningCampaign> get() {
        return System.nanoTime() - readAtNanos > MAX_AGE.toNanos() ? refresh() : current;
    }

    synchronized List<RunningCampaign> refresh() {
        current = campaigns.running();
        readAtNanos = System.nanoTime();
        return current;
    }
}
