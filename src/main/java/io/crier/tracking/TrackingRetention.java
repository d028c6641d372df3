package io.crier.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;

/**
 * Deletes opens and clicks older than {@code crier.tracking.retention}, once an hour, in small
 * batches: without it every replayed pixel would stay forever. Every node runs it; the deletes do
 * not conflict.
 */
@Component
class TrackingRetention implements SmartLifecycle {

    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** How often the clock is looked at: a test's clock may jump past the next prune. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** Small enough that a delete holds its locks briefly; the loop goes on until none is left. */
    static final int PRUNE_BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(TrackingRetention.class);

    private final JdbcClient jdbc;
    private final TrackingLimits limits;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    TrackingRetention(JdbcClient jdbc, TrackingLimits limits, Clock clock) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofVirtual().name("crier-tracking-retention").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Instant nextPrune = Instant.MIN;
        while (running) {
            try {
                Instant now = Timestamps.now(clock);
                if (!now.isBefore(nextPrune)) {
                    prune(now.minus(limits.retention()));
                    nextPrune = now.plus(PRUNE_EVERY);
                }
                Thread.sleep(CHECK_EVERY);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Deleting old opens and clicks failed; trying again in an hour: {}", e.getMessage());
                nextPrune = Timestamps.now(clock).plus(PRUNE_EVERY);
            }
        }
    }

    private void prune(Instant cutoff) {
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from tracking_event where id in (
                        select id from tracking_event where occurred_at < :cutoff limit :limit)""")
                    .param("cutoff", Timestamps.toDb(cutoff))
                    .param("limit", PRUNE_BATCH)
                    .update();
        } while (deleted == PRUNE_BATCH && running);
    }
}
