package io.crier.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.FailureStreak;
import io.crier.shared.Timestamps;
import io.micrometer.core.instrument.Counter;

/**
 * This node's webhook sender: claims due outbox rows (each node its own, by {@code FOR UPDATE SKIP
 * LOCKED} and a lease), sends each on a virtual thread of its own, and records every attempt.
 * Everything lives in the database, so what one node leaves (stopped, crashed) another picks up:
 * at once when it stopped cleanly, after the lease when it died. When idle, once an hour, it also
 * deletes the finished calls older than {@code crier.webhooks.retention}, in small batches.
 *
 * <p>Fair between workspaces: at most {@code crier.webhooks.concurrent-per-workspace} requests of
 * one workspace are under way at once; a claim skips the workspaces at that limit and gives back
 * what it took beyond a workspace's room, and the dispatcher never waits for requests to end. So a
 * workspace whose endpoints hang holds its own slots for up to the timeout, and no one else's.
 * Requests to a target that gave no answer wait out its back-off ({@link HostBackoff}) unsent.
 */
final class WebhookDispatcher implements SmartLifecycle, AutoCloseable {

    /** Longer than a request takes: waiting for a connection, connecting and the answer, 10 s each at most. */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final int BATCH = 32;
    /** Requests under way on this node, of all workspaces: what the sender's connections carry. */
    static final int MAX_IN_FLIGHT = WebhookSender.CONNECTIONS;
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** Small enough that a delete holds its locks briefly; the loop goes on until none is left. */
    static final int PRUNE_BATCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final FailureStreak failures = new FailureStreak(log, Level.ERROR, "Webhook dispatch");

    private final OutboxRepository outbox;
    private final WebhookSender sender;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final Counter rounds;
    private final Clock clock;
    private final String nodeId = "webhooks-" + UUID.randomUUID();
    private final HostBackoff backoff = new HostBackoff();
    private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();
    private ExecutorService requests;
    private volatile boolean running;
    private Thread thread;
    private Instant nextPrune = Instant.MIN;

    WebhookDispatcher(OutboxRepository outbox, WebhookSender sender, TransactionTemplate transactions,
            WebhookProperties properties, Counter rounds, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.transactions = transactions;
        this.properties = properties;
        this.rounds = rounds;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        running = true;
        requests = Executors.newVirtualThreadPerTaskExecutor();
        thread = Thread.ofVirtual().name("crier-webhooks").start(this::run);
    }

    /** Lets the requests under way finish (each ends within its timeouts) and records them. */
    @Override
    public synchronized void stop() {
        running = false;
        try {
            thread.join(WebhookSender.TIMEOUT.plusSeconds(5).toMillis());
            requests.shutdown();
            requests.awaitTermination(WebhookSender.TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the context closes: a stopped dispatcher may start again, so its connections outlive stop. */
    @Override
    public void close() {
        sender.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                boolean claimed = dispatchOnce();
                if (!claimed) {
                    pruneIfDue();
                }
                rounds.increment();
                failures.succeeded();
                if (!claimed) {
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures.failed(e);
                sleepQuietly();
            }
        }
    }

    /** Claims what there is room for and starts sending it; false when nothing was claimed. */
    boolean dispatchOnce() {
        int room = MAX_IN_FLIGHT - inFlight.values().stream().mapToInt(Integer::intValue).sum();
        if (room <= 0) {
            return false;
        }
        Set<UUID> full = inFlight.entrySet().stream()
                .filter(entry -> entry.getValue() >= properties.concurrentPerWorkspace())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Instant now = Timestamps.now(clock);
        List<ClaimedCall> claimed = transactions.execute(status -> {
            List<UUID> ids = outbox.claimDue(now, nodeId, LEASE, Math.min(BATCH, room), full);
            return ids.isEmpty() ? List.<ClaimedCall>of() : withinRoom(outbox.load(ids));
        });
        for (ClaimedCall call : claimed) {
            Optional<Instant> held = backoff.heldUntil(call.target(), now);
            if (held.isPresent()) {
                transactions.executeWithoutResult(status -> outbox.postpone(call.id(), held.get(), nodeId));
                continue;
            }
            inFlight.merge(call.workspaceId(), 1, Integer::sum);
            requests.submit(() -> {
                try {
                    sendAndRecord(call);
                } finally {
                    inFlight.computeIfPresent(call.workspaceId(), (workspace, count) -> count == 1 ? null : count - 1);
                }
            });
        }
        return !claimed.isEmpty();
    }

    /** The claimed rows each workspace has room for; the rest go back at once, for the next claim. */
    private List<ClaimedCall> withinRoom(List<ClaimedCall> claimed) {
        Map<UUID, Integer> taken = new HashMap<>();
        List<ClaimedCall> kept = new ArrayList<>();
        List<UUID> returned = new ArrayList<>();
        for (ClaimedCall call : claimed) {
            int already = inFlight.getOrDefault(call.workspaceId(), 0)
                    + taken.getOrDefault(call.workspaceId(), 0);
            if (already < properties.concurrentPerWorkspace()) {
                taken.merge(call.workspaceId(), 1, Integer::sum);
                kept.add(call);
            } else {
                returned.add(call.id());
            }
        }
        outbox.release(returned, nodeId);
        return kept;
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

    private void sendAndRecord(ClaimedCall call) {
        AttemptResult result = sender.send(call);
        backoff.record(call.target(), result, result.at());
        try {
            transactions.executeWithoutResult(status -> outbox.recordAttempt(call, result, nodeId));
        } catch (RuntimeException e) {
            // The lease runs out and the row is sent again: the receiver dedupes on X-Crier-Delivery.
            log.error("Could not record the attempt of webhook call {}", call.id(), e);
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
