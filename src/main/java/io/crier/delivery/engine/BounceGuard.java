package io.crier.delivery.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.LaunchedCampaign;
import io.crier.campaign.LaunchedCampaign.BounceLimit;
import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignCounters.Outcomes;

/**
 * Pauses a campaign whose bounce rate crosses its limit. After each outcome flush it looks at the
 * flushed campaigns that have a limit: once the deliveries sent or bounced since the campaign was
 * last resumed reach the limit's minimum sample, a share of bounces above its rate pauses the
 * campaign with a {@code pausedReason} that says so. The pause runs on a thread of its own, so the
 * recorder keeps flushing while the pause waits for the fence. Every node judges the same shared
 * counters; the first pause wins and the others find the campaign paused already. Bounces heard back
 * after a message was sent (a DSN, a provider's event) are judged the same way once they commit.
 */
@Component
final class BounceGuard implements OutcomeRecorder.OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(BounceGuard.class);

    private final RunningCampaignsCache running;
    private final CampaignCounters counters;
    private final CampaignLaunches campaigns;
    private final Set<UUID> pausing = ConcurrentHashMap.newKeySet();

    BounceGuard(RunningCampaignsCache running, CampaignCounters counters, CampaignLaunches campaigns) {
        this.running = running;
        this.counters = counters;
        this.campaigns = campaigns;
    }

    @Override
    public void recorded(Set<UUID> campaignIds) {
        Map<UUID, LaunchedCampaign> guarded = running.get().stream()
                .filter(campaign -> campaign.bounceLimit() != null && campaignIds.contains(campaign.id())
                        && !pausing.contains(campaign.id()))
                .collect(Collectors.toMap(LaunchedCampaign::id, Function.identity()));
        if (guarded.isEmpty()) {
            return;
        }
        counters.outcomesSinceResume(guarded.keySet()).forEach((id, outcomes) -> {
            LaunchedCampaign campaign = guarded.get(id);
            overLimit(campaign.bounceLimit(), outcomes).ifPresent(reason -> pauseInBackground(campaign, reason));
        });
    }

    /** Why the campaign must pause, if these outcomes cross its limit. */
    static Optional<String> overLimit(BounceLimit limit, Outcomes outcomes) {
        int sample = outcomes.sent() + outcomes.bounced();
        if (sample < limit.minSample() || outcomes.bounced() <= limit.rate() * sample) {
            return Optional.empty();
        }
        return Optional.of("Bounce rate " + percent((double) outcomes.bounced() / sample) + " over the "
                + percent(limit.rate()) + " threshold after " + sample + " deliveries");
    }

    private void pauseInBackground(LaunchedCampaign campaign, String reason) {
        if (!pausing.add(campaign.id())) {
            return;
        }
        Thread.ofVirtual().name("crier-bounce-pause").start(() -> {
            try {
                log.warn("Pausing campaign {}: {}", campaign.id(), reason);
                campaigns.pause(campaign.ref(), reason);
            } catch (RuntimeException e) {
                log.error("Could not pause campaign {} for its bounce rate; trying again after the next flush",
                        campaign.id(), e);
            } finally {
                pausing.remove(campaign.id());
            }
        });
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "%";
    }
}
