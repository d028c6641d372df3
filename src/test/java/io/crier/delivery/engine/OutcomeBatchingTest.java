package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.delivery.DeliveryStatus;
import io.crier.support.ClockedEngineCase;

/**
 * Under load the recorder starts a flush no sooner than {@link OutcomeRecorder#FLUSH_EVERY_MILLIS}
 * after the one before, so the outcomes that come meanwhile share one flush and its fixed cost
 * (a transaction, the counters, the bounce guard's read) instead of each few paying it again.
 */
class OutcomeBatchingTest extends ClockedEngineCase {

    private static final int OUTCOMES = 100;

    @Autowired
    Recorder recorders;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void outcomesComingEveryMillisecondAreFlushedAtMostOnceAnInterval() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        TransactionTemplate counted = new TransactionTemplate(transactions.getTransactionManager()) {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                flushes.incrementAndGet();
                return super.execute(action);
            }
        };
        // Outcomes of deliveries no node holds: each flush writes nothing, and still costs its round.
        OutcomeRecorder recorder = recorders.recorder("batching-node", counted, campaigns -> { });
        long start = System.nanoTime();
        Thread flushing = Thread.ofVirtual().start(recorder);
        UUID campaign = UUID.randomUUID();
        for (int i = 0; i < OUTCOMES; i++) {
            recorder.record(new DeliveryResult(-1 - i, campaign, campaign, "r" + i + "@example.org",
                    DeliveryStatus.SENT, "250 2.0.0 ok", null, 0, false));
            Thread.sleep(1); // a sender's pace at full speed, so a flush takes longer than an outcome's gap
        }
        recorder.stop();
        assertThat(flushing.join(Duration.ofSeconds(30))).as("the recorder done").isTrue();
        long intervals = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / OutcomeRecorder.FLUSH_EVERY_MILLIS;

        // The first flush at once, one an interval after it, and the last when the recorder stops.
        assertThat(flushes.get()).isBetween(2, (int) intervals + 2);
    }
}
