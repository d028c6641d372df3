package io.crier.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.BackgroundLoop;
import io.crier.shared.Timestamps;

/**
 * Deletes opens and clicks older than {@code crier.tracking.retention}, once an hour, in small
 * batches: without it every replayed pixel would stay forever. Every node runs it; the deletes do
 * not conflict.
 */
@Component
class TrackingRetention extends BackgroundLoop {

    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** How often the clock is looked at: a test's clock may jump past the next prune. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** Small enough that a delete holds its locks briefly; the loop goes on until none is left. */
    static final int PRUNE_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final TrackingLimits limits;
    private final Clock clock;
    private Instant nextPrune = Instant.MIN;

    TrackingRetention(JdbcClient jdbc, TrackingLimits limits, Clock clock) {
        super("crier-tracking-retention", CHECK_EVERY);
        this.jdbc = jdbc;
        this.limits = limits;
        this.clock = clock;
    }

    /** A failed prune is tried again at the next hour, like a successful one. */
    @Override
    protected void step() {
        Instant now = Timestamps.now(clock);
        if (!now.isBefore(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            prune(now.minus(limits.retention()));
        }
    }

    @Override
    protected String roundName() {
        return "Deleting old opens and clicks (tried again within the hour)";
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
        } while (deleted == PRUNE_BATCH && isRunning());
    }
}
