package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import io.crier.campaign.CampaignLaunches;
import io.crier.shared.FailureStreak;
import io.crier.shared.Timestamps;

/**
 * Every {@code crier.delivery.housekeeping-period} (a second by default): starts scheduled campaigns
 * whose time has come, and returns the claims of dead nodes (expired leases) to the queue. Every node runs it; the database keeps each action single.
 */
final class Housekeeper implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    private final FailureStreak failures = new FailureStreak(log, Level.WARN, "Housekeeping");

    private final CampaignLaunches campaigns;
    private final CampaignStarter starter;
    private final Claims claims;
    private final RunningCampaignsCache running;
    private final EngineMetrics metrics;
    private final Clock clock;
    private final Duration period;
    private volatile boolean active = true;

    Housekeeper(CampaignLaunches campaigns, CampaignStarter starter, Claims claims,
            RunningCampaignsCache running, EngineMetrics metrics, Clock clock, Duration period) {
        this.campaigns = campaigns;
        this.starter = starter;
        this.claims = claims;
        this.running = running;
        this.metrics = metrics;
        this.clock = clock;
        this.period = period;
    }

    @Override
    public void run() {
        while (active) {
            try {
                runOnce();
                metrics.housekeeperRound();
                failures.succeeded();
            } catch (Throwable e) {
                // An Error too: scheduled starts and dead nodes' claims depend on this thread going on.
                failures.failed(e);
            }
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void runOnce() {
        boolean started = false;
        for (var campaignId : campaigns.due(Timestamps.now(clock))) {
            try {
                started |= starter.startIfDue(campaignId);
            } catch (RuntimeException e) {
                // One campaign's failing start must not hold back the others' (another tenant's).
                log.warn("Campaign {} could not start; tried again next round: {}", campaignId.id(), e.toString());
            }
        }
        if (started) {
            running.refresh();
        }
        int returned = claims.releaseExpiredLeases(Timestamps.now(clock));
        if (returned > 0) {
            log.info("Returned {} deliveries whose lease expired (a node died or stalled) to the queue", returned);
        }
    }

    void stop() {
        active = false;
    }
}
