package io.crier.delivery.engine;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A range of a campaign's audience that the test holds, as an engine worker holds the range it
 * queues: its transaction stays open until the test releases it.
 *
 * @param campaign the campaign whose range is held
 * @param worker   the holding transaction; done once it has committed or rolled back
 */
record HeldRange(UUID campaign, CompletableFuture<Void> worker) {

    private static final int ATTEMPTS = 5;

    /**
     * Takes a range of a fresh campaign ({@code freshCampaign}) with {@code take}, in a transaction
     * that waits for {@code release} and then ends as {@code onRelease} says. The engine's own
     * workers may take every range of a campaign first; then a fresh campaign tries again.
     */
    static HeldRange hold(TransactionTemplate transactions, ExecutorService threads, Supplier<UUID> freshCampaign,
            Predicate<UUID> take, CountDownLatch release, Consumer<TransactionStatus> onRelease) throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            UUID tried = freshCampaign.get();
            CompletableFuture<Boolean> took = new CompletableFuture<>();
            CompletableFuture<Void> held = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
                boolean taken = take.test(tried);
                took.complete(taken);
                if (taken) {
                    await(release);
                    onRelease.accept(status);
                }
            }), threads);
            if (took.get(30, TimeUnit.SECONDS)) {
                return new HeldRange(tried, held);
            }
            held.get(30, TimeUnit.SECONDS);
        }
        throw new AssertionError("the engine's workers took every range first, " + ATTEMPTS + " campaigns in a row");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
