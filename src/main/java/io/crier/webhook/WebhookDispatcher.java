package io.crier.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.Timestamps;

/**
 * This node's webhook sender: claims due outbox rows (each node its own, by {@code FOR UPDATE SKIP
 * LOCKED} and a lease), sends them in parallel, one virtual thread each, and records every attempt.
 * Everything lives in the database, so what one node leaves (stopped, crashed) another picks up:
 * at once when it stopped cleanly, after the lease when it died. When idle, once an hour, it also
 * deletes the finished deliveries older than {@code crier.webhooks.retention}, in small batches.
 */
final class WebhookDispatcher implements SmartLifecycle {

    /** Longer than a batch takes: every request of a batch runs at once, each within the 10 s timeout. */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final int BATCH = 32;
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** Small enough that a delete holds its locks briefly; the loop goes on until none is left. */
    static final int PRUNE_BATCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final OutboxRepository outbox;
    private final WebhookSender sender;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final Clock clock;
    private final String nodeId = "webhooks-" + UUID.randomUUID();
    private volatile boolean running;
    private Thread thread;
    private Instant nextPrune = Instant.MIN;

    WebhookDispatcher(OutboxRepository outbox, WebhookSender sender, TransactionTemplate transactions,
            WebhookProperties properties, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofVirtual().name("crier-webhooks").start(this::run);
    }

    /** Lets the batch in flight finish (each request ends within its timeout) and records it. */
    @Override
    public synchronized void stop() {
        running = false;
        try {
            thread.join(WebhookSender.TIMEOUT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (!dispatchOnce()) {
                    pruneIfDue();
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Webhook dispatch failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    /** Claims and sends one batch; false when nothing was due. */
    boolean dispatchOnce() {
        List<ClaimedDelivery> claimed = transactions.execute(status -> {
            List<UUID> ids = outbox.claimDue(Timestamps.now(clock), nodeId, LEASE, BATCH);
            return ids.isEmpty() ? List.<ClaimedDelivery>of() : outbox.load(ids);
        });
        if (claimed.isEmpty()) {
            return false;
        }
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ClaimedDelivery delivery : claimed) {
                requests.submit(() -> sendAndRecord(delivery));
            }
        }
        return true;
    }

    private void pruneIfDue() {
        Instant now = Timestamps.now(clock);
        if (now.isBefore(nextPrune)) {
            return;
        }
        Instant cutoff = now.minus(properties.retention());
        int deleted;
        do {
            deleted = outbox.deleteFinishedBefore(cutoff, PRUNE_BATCH);
        } while (deleted == PRUNE_BATCH && running);
        nextPrune = now.plus(PRUNE_EVERY);
    }

    private void sendAndRecord(ClaimedDelivery delivery) {
        AttemptResult result = sender.send(delivery);
        try {
            transactions.executeWithoutResult(status -> outbox.recordAttempt(delivery, result, nodeId));
        } catch (RuntimeException e) {
            // The lease runs out and the row is sent again: the receiver dedupes on X-Crier-Delivery.
            log.error("Could not record webhook attempt of delivery {}", delivery.id(), e);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
