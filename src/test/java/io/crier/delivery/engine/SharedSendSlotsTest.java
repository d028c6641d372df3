package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.support.ClockedEngineCase;

/**
 * Two nodes taking slots of one limit at once, each with its own {@link SendSlots} and its own
 * transactions on the shared database, as two engines' dispatchers do: per time slot of the test
 * clock, the slots both took together are exactly what the limit allows, never one more, however
 * their takes interleave.
 */
class SharedSendSlotsTest extends ClockedEngineCase {

    private static final int PER_MINUTE = 600;
    private static final SendSlots.Limit LIMIT = new SendSlots.Limit(Duration.ofMinutes(1).dividedBy(PER_MINUTE), null);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void twoNodesTogetherTakeExactlyTheLimitsSlotsPerStepOfTheClock() throws Exception {
        String name = SendSlots.ofProvider("shared-" + tag);
        SendSlots nodeA = new SendSlots(jdbc);
        SendSlots nodeB = new SendSlots(jdbc);
        nodeA.ensure(List.of(name), clock.instant());
        nodeB.ensure(List.of(name), clock.instant());
        // Start with no slot left over from the catch-up second: each step then allows exactly its own.
        takeAll(nodeA, name, clock.instant());

        List<Integer> perStep = new ArrayList<>();
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            for (int step = 0; step < 5; step++) {
                clock.advance(Duration.ofSeconds(1));
                Instant now = clock.instant();
                Future<Integer> a = nodes.submit(takeInSmallClaims(nodeA, name, now));
                Future<Integer> b = nodes.submit(takeInSmallClaims(nodeB, name, now));
                int takenByA = a.get();
                int takenByB = b.get();
                perStep.add(takenByA + takenByB);
            }
        }

        assertThat(perStep).as("slots taken by both nodes in each second").containsOnly(PER_MINUTE / 60);
    }

    /** One node's dispatcher: claims of up to 3 slots, each in a transaction of its own, until none is left. */
    private Callable<Integer> takeInSmallClaims(SendSlots node, String name, Instant now) {
        return () -> {
            int total = 0;
            for (int claim = 0; claim < 100; claim++) {
                int taken = take(node, name, now, 3);
                if (taken == 0) {
                    return total;
                }
                total += taken;
            }
            return total;
        };
    }

    private void takeAll(SendSlots node, String name, Instant now) {
        take(node, name, now, Integer.MAX_VALUE);
    }

    private int take(SendSlots node, String name, Instant now, int wanted) {
        return transactions.execute(status -> {
            SendSlots.Slot slot = node.lock(List.of(name)).get(name);
            SendSlots.Taken taken = LIMIT.take(slot, wanted, now);
            node.save(taken.after());
            return taken.count();
        });
    }
}
