package io.crier.delivery;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.Timestamps;

/**
 * Queues the rest of the audiences whose campaigns have started, one chunk per campaign in turn,
 * each chunk in its own transaction. Every node runs it; a snapshot's row lock lets one node at a
 * time take its next chunk, and a node that dies leaves the snapshot where its last chunk ended.
 */
final class AudienceSnapshotter implements Runnable {

    /** Contacts per chunk: few enough that a chunk commits in well under a second and, on H2, holds little memory. */
    static final int CHUNK = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AudienceSnapshotter.class);

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

    @Override
    public void run() {
        while (active) {
            boolean more = false;
            try {
                more = queueOneChunkEach();
            } catch (Throwable e) {
                // An Error too: started audiences would stop being queued.
                log.warn("Queuing an audience chunk failed; retrying: {}", e.toString());
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
            more |= Boolean.TRUE.equals(transactions.execute(status ->
                    snapshots.queueNextChunk(campaignId, CHUNK, Timestamps.now(clock))));
        }
        return more;
    }
}
