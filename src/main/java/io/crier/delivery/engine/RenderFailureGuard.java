package io.crier.delivery.engine;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.LaunchedCampaign;

/**
 * Fails a campaign whose messages fail to render, one after another from its start, with the
 * render error as its {@code failureReason}, instead of failing its recipients one by one (each
 * after its retries): such a template fails for everyone. It counts on this node each campaign's
 * render failures since its last message that rendered; at {@link #IN_A_ROW} the campaign fails,
 * unless a message of it has reached the relay (on any node), which shows the template works for
 * some. Transactional mail is left alone: each call is a hidden campaign whose messages have
 * statuses of their own.
 */
final class RenderFailureGuard {

    static final int IN_A_ROW = 20;
    private static final Logger log = LoggerFactory.getLogger(RenderFailureGuard.class);

    private final CampaignLaunches campaigns;
    private final CampaignCounters counters;
    private final Map<UUID, Integer> failuresInARow = new ConcurrentHashMap<>();

    RenderFailureGuard(CampaignLaunches campaigns, CampaignCounters counters) {
        this.campaigns = campaigns;
        this.counters = counters;
    }

    void rendered(LaunchedCampaign campaign) {
        failuresInARow.remove(campaign.id());
    }

    void failed(LaunchedCampaign campaign, String problem) {
        if (!campaign.transactional() && failuresInARow.merge(campaign.id(), 1, Integer::sum) == IN_A_ROW) {
            failInBackground(campaign, "The first " + IN_A_ROW + " messages could not be rendered: " + problem);
        }
    }

    /** On a thread of its own: a sender must not wait for the fence the failure closes. */
    private void failInBackground(LaunchedCampaign campaign, String reason) {
        Thread.ofVirtual().name("crier-render-fail").start(() -> {
            try {
                log.warn("Failing campaign {}: {}", campaign.id(), reason);
                campaigns.fail(campaign.ref(), reason, () -> !counters.anySentOrBounced(campaign.id()));
            } catch (RuntimeException e) {
                log.error("Could not fail campaign {} for its render errors", campaign.id(), e);
            } finally {
                failuresInARow.remove(campaign.id());
            }
        });
    }
}
