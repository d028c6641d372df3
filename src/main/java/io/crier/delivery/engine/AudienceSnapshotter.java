package io.crier.delivery.engine;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.delivery.DeliveryProperties;
import io.crier.shared.FailureStreak;
import io.crier.shared.Timestamps;

/**
 * Queues the rest of the audiences whose campaigns have started, one chunk per campaign in turn,
 * each chunk in its own transaction. Every node runs {@link #workers} of them: each takes a range another cut and nobody is queuing (one whose worker died among them),
 * or else cuts the next range and queues it, so the workers of all nodes queue one audience side
 * by side.
 */
final class AudienceSnapshotter implements Runnable {

    /** Contacts per chunk: few enough that a chunk commits in well under a second and, on H2, holds little memory. */
    static final int CHUNK = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AudienceSnapshotter.class);

    private final FailureStreak failures = new FailureStreak(log, Level.WARN, "Queuing an audience chunk");

    private final AudienceSnapshots snapshots;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final Clock clock;
    private volatile boolean active = true;

    AudienceSnapshotter(AudienceSnapshots snapshots, TransactionTemplate transactions, DeliveryProperties properties,
            Clock clock) {
        this.snapshots = snapshots;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The workers a node runs: {@code crier.delivery.snapshot-workers}, or else what suits the database. */
    static int workers(DeliveryProperties properties, LedgerDialect database) {
        return properties.snapshotWorkers() != null ? properties.snapshotWorkers() : database.snapshotWorkers();
    }

    @Override
    public void run() {
        while (active) {
            boolean more = false;
            try {
                more = queueOneChunkEach();
                failures.succeeded();
            } catch (Throwable e) {
                // An Error too: started audiences would stop being queued.
                failures.failed(e);
            }
            if (!more) {
                try {
                    Thread.sleep(properties.idlePoll().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void stop() {
        active = false;
    }

    /** True when some audience has more to queue right away. */
    boolean queueOneChunkEach() {
        boolean more = false;
        for (UUID campaignId : snapshots.underWay()) {
            if (!active) {
                return false;
            }
            more |= queueOneChunk(campaignId);
        }
        return more;
    }

    /** Queues one chunk of the campaign's audience; false when none was left to take or cut. */
    boolean queueOneChunk(UUID campaignId) {
        if (queueCutRange(campaignId)) {
            return true;
        }
        return Boolean.TRUE.equals(transactions.execute(status -> snapshots.cutNextRange(campaignId, CHUNK)))
                && queueCutRange(campaignId);
    }

    /** Queues a range, then counts it (and any a dead worker queued) apart: see {@link AudienceSnapshots#queueCutRange}. */
    private boolean queueCutRange(UUID campaignId) {
        boolean queued = Boolean.TRUE.equals(transactions.execute(status ->
                snapshots.queueCutRange(campaignId, Timestamps.now(clock))));
        transactions.executeWithoutResult(status -> snapshots.countQueuedRanges(campaignId));
        return queued;
    }
}
