package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.delivery.DeliveryOutcomesRecorded;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.FailureStreak;
import io.crier.shared.Timestamps;

/**
 * Writes outcomes to the ledger in batches, one transaction per flush, instead of one write per
 * message; in the same transaction, a sent delivery of a multi-step campaign queues the
 * contact's next step (one INSERT ... SELECT per flush). What is sent but not yet flushed is the part of the duplicate window a crash can
 * widen, so flushes are frequent ({@link #FLUSH_EVERY_MILLIS}) and small. Under load a flush
 * starts no sooner than {@link #FLUSH_EVERY_MILLIS} after the one before: back to back, each
 * flush's fixed cost (its transaction, the counters, the bounce guard's read) was spent on the
 * handful of outcomes that arrived while the last one was written.
 */
public final class OutcomeRecorder implements Runnable {

    public static final long FLUSH_EVERY_MILLIS = 25;
    private static final long FLUSH_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(FLUSH_EVERY_MILLIS);
    private static final int MAX_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final FailureStreak failures = new FailureStreak(log, Level.ERROR, "Recording delivery outcomes");

    private final LinkedBlockingQueue<DeliveryResult> results = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Long> releases = new LinkedBlockingQueue<>();
    private final Claims claims;
    private final LedgerOutcomes outcomes;
    private final Withdrawals withdrawals;
    private final LedgerDurability durability;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String nodeId;
    private final OutcomeListener listener;
    private final ApplicationEventPublisher events;
    private final EngineMetrics metrics;
    private volatile boolean running = true;

    /** Told, after each flush, which campaigns had outcomes recorded. */
    interface OutcomeListener {
        void recorded(Set<UUID> campaignIds);
    }

    OutcomeRecorder(Claims claims, LedgerOutcomes outcomes, Withdrawals withdrawals, LedgerDurability durability,
            TransactionTemplate transactions, Clock clock, String nodeId, OutcomeListener listener,
            ApplicationEventPublisher events, EngineMetrics metrics) {
        this.claims = claims;
        this.outcomes = outcomes;
        this.withdrawals = withdrawals;
        this.durability = durability;
        this.transactions = transactions;
        this.clock = clock;
        this.nodeId = nodeId;
        this.listener = listener;
        this.events = events;
        this.metrics = metrics;
    }

    void record(DeliveryResult result) {
        results.add(result);
    }

    /** A claimed delivery this node will not send after all: back to the queue. */
    void release(long deliveryId) {
        releases.add(deliveryId);
    }

    int pending() {
        return results.size() + releases.size();
    }

    @Override
    public void run() {
        long lastFlush = System.nanoTime() - FLUSH_EVERY_NANOS;
        while (running || pending() > 0) {
            try {
                DeliveryResult first = results.poll(FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    // An idle poll's timeout is no flush: the interval counts from the last outcomes written.
                    gatherUntil(lastFlush + FLUSH_EVERY_NANOS);
                    lastFlush = System.nanoTime();
                }
                flush(first);
                failures.succeeded();
            } catch (InterruptedException e) {
                running = false;
            } catch (Throwable e) {
                // Kept in the ledger as claimed: the lease returns them if this keeps failing. An
                // Error too: outcomes not recorded would keep their claims renewed for ever.
                failures.failed(e);
                sleepQuietly();
            }
        }
    }

    void stop() {
        running = false;
    }

    /**
     * Lets outcomes gather until {@code deadline} (a {@link System#nanoTime}), unless a batch is
     * full already or the recorder is stopping. The wait is within the flush interval the
     * duplicate window allows for (docs/delivery-guarantees.md).
     */
    private void gatherUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left > 0 && running && results.size() < MAX_BATCH) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    private void flush(DeliveryResult first) {
        List<DeliveryResult> batch = new ArrayList<>();
        if (first != null) {
            batch.add(first);
        }
        results.drainTo(batch, MAX_BATCH - batch.size());
        List<Long> released = new ArrayList<>();
        releases.drainTo(released);
        if (batch.isEmpty() && released.isEmpty()) {
            return;
        }
        Set<UUID> campaigns = new HashSet<>();
        List<DeliveryResult> stillRefused = List.of();
        try {
            write(batch, released, campaigns);
        } catch (DataIntegrityViolationException refused) {
            stillRefused = writeOneByOne(batch, released, campaigns);
        } catch (RuntimeException | Error e) {
            requeue(batch, released);
            throw e;
        }
        durability.afterCommit();
        if (!campaigns.isEmpty()) {
            listener.recorded(campaigns);
        }
        if (!stillRefused.isEmpty()) {
            requeue(stillRefused, List.of());
            throw new IllegalStateException("The ledger refused the outcomes of deliveries "
                    + stillRefused.stream().map(DeliveryResult::deliveryId).toList()
                    + " even as failed; they stay claimed, and are tried again");
        }
    }

    /**
     * One transaction: the releases, the outcomes, their counters, events, suppressions and next
     * steps. Outcomes of rows this node no longer holds are refused, and counted once committed.
     */
    private void write(List<DeliveryResult> batch, List<Long> released, Set<UUID> campaigns) {
        Integer refused = transactions.execute(status -> {
            var now = Timestamps.now(clock);
            // Campaign locks first, before any delivery row: an abort takes them in that order too.
            outcomes.lockCampaigns(batch.stream().filter(DeliveryResult::queuesNextStep)
                    .map(DeliveryResult::campaignId).collect(Collectors.toCollection(TreeSet::new)));
            claims.release(released, nodeId, now);
            if (batch.isEmpty()) {
                return 0;
            }
            List<DeliveryResult> moved = outcomes.record(batch, nodeId, now);
            countPerCampaign(moved, campaigns);
            publish(moved, now);
            outcomes.countSteps(moved);
            List<DeliveryResult> bounces = batch.stream()
                    .filter(r -> r.status() == DeliveryStatus.BOUNCED).toList();
            if (!bounces.isEmpty()) {
                suppress(bounces, now);
            }
            outcomes.queueNextSteps(moved.stream().filter(DeliveryResult::queuesNextStep)
                    .map(DeliveryResult::deliveryId).toList(), now);
            return batch.size() - moved.size();
        });
        metrics.outcomesRefused(refused);
    }

    /**
     * The database refused the batch for the data in one of its rows (a value it cannot hold):
     * the releases and each outcome are written alone, so that row holds back none of the others,
     * and a row refused again is recorded as failed, with the reason, instead of as it was. Returns
     * the outcomes refused even as failed (a row the database cannot update at all), for the caller
     * to keep and try again, after the others.
     */
    private List<DeliveryResult> writeOneByOne(List<DeliveryResult> batch, List<Long> released,
            Set<UUID> campaigns) {
        try {
            write(List.of(), released, campaigns);
        } catch (RuntimeException | Error e) {
            requeue(batch, released);
            throw e;
        }
        List<DeliveryResult> stillRefused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                writeOrPark(batch.get(i), campaigns);
            } catch (DataIntegrityViolationException refusedAsFailed) {
                log.error("Delivery {}: the ledger refused its outcome even as failed; kept, and tried again",
                        batch.get(i).deliveryId(), refusedAsFailed);
                stillRefused.add(batch.get(i));
            } catch (RuntimeException | Error e) {
                requeue(batch.subList(i, batch.size()), List.of());
                requeue(stillRefused, List.of());
                throw e;
            }
        }
        return stillRefused;
    }

    private void writeOrPark(DeliveryResult result, Set<UUID> campaigns) {
        try {
            write(List.of(result), List.of(), campaigns);
        } catch (DataIntegrityViolationException refused) {
            String reason = "the ledger refused this outcome (" + result.status().wire() + "): "
                    + refused.getMostSpecificCause().getClass().getSimpleName();
            log.error("Delivery {}: {}; recorded as failed", result.deliveryId(), reason);
            write(List.of(result.failedToRecord(reason)), List.of(), campaigns);
        }
    }

    /** Kept in the ledger as claimed until a later flush succeeds; the lease returns them if none does. */
    private void requeue(List<DeliveryResult> batch, List<Long> released) {
        results.addAll(batch);
        releases.addAll(released);
    }

    /**
     * Hard-bounced addresses join the suppression list, and the mail other campaigns still have
     * queued for them is withdrawn. Two nodes doing this for the same address in two campaigns can
     * lock the campaigns' counters in opposite orders; the database then fails one flush, which is
     * retried like any failed flush.
     */
    private void suppress(List<DeliveryResult> bounces, Instant now) {
        withdrawals.suppress(bounces, now);
        bounces.stream().collect(Collectors.groupingBy(DeliveryResult::workspaceId,
                        Collectors.mapping(DeliveryResult::email, Collectors.toSet())))
                .forEach((workspaceId, emails) -> withdrawals.withdrawPending(workspaceId, emails, "bounced", now));
    }

    private void countPerCampaign(List<DeliveryResult> moved, Set<UUID> campaigns) {
        Map<UUID, Map<DeliveryStatus, Long>> perCampaign = moved.stream().collect(Collectors.groupingBy(
                DeliveryResult::campaignId, Collectors.groupingBy(DeliveryResult::status, Collectors.counting())));
        campaigns.addAll(perCampaign.keySet());
        perCampaign.forEach((campaignId, counts) -> {
            int sent = count(counts, DeliveryStatus.SENT);
            int bounced = count(counts, DeliveryStatus.BOUNCED);
            int failed = count(counts, DeliveryStatus.FAILED);
            if (sent + bounced + failed > 0) {
                outcomes.count(campaignId, sent, bounced, failed);
            }
        });
    }

    private static int count(Map<DeliveryStatus, Long> counts, DeliveryStatus status) {
        return counts.getOrDefault(status, 0L).intValue();
    }

    /** One event per flush, in its transaction, so what listeners write (webhooks) commits with the ledger. */
    private void publish(List<DeliveryResult> moved, Instant now) {
        if (!moved.isEmpty()) {
            events.publishEvent(new DeliveryOutcomesRecorded(now, moved.stream()
                    .map(r -> new DeliveryOutcomesRecorded.Outcome(r.deliveryId(), r.campaignId(), r.workspaceId(),
                            r.email(), r.status(), r.reply()))
                    .toList()));
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
