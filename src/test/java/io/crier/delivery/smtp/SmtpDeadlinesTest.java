package io.crier.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines checked at moments the test chooses: the executor's own check is an hour away. */
class SmtpDeadlinesTest {

    final SmtpDeadlines deadlines = new SmtpDeadlines(Duration.ofHours(1));
    final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        deadlines.shutdownNow();
    }

    @Test
    void aWriteStillUnderWayAtItsDeadlineHasItsTaskRunOnce() throws Exception {
        long scheduledAt = System.nanoTime();
        ScheduledFuture<String> deadline = deadlines.schedule(this::cut, 5, TimeUnit.SECONDS);

        deadlines.expire(scheduledAt + TimeUnit.SECONDS.toNanos(4));
        assertThat(runs).as("four seconds in").hasValue(0);
        assertThat(deadline.isDone()).isFalse();

        deadlines.expire(scheduledAt + TimeUnit.SECONDS.toNanos(6));
        deadlines.expire(scheduledAt + TimeUnit.SECONDS.toNanos(7));
        assertThat(runs).as("past the deadline, checked twice").hasValue(1);
        assertThat(deadline.get(0, TimeUnit.SECONDS)).isEqualTo("cut");
        assertThat(deadline.cancel(true)).as("too late to cancel").isFalse();
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void aWriteThatEndsInTimeCancelsItsTask() {
        long scheduledAt = System.nanoTime();
        ScheduledFuture<String> deadline = deadlines.schedule(this::cut, 5, TimeUnit.SECONDS);

        assertThat(deadline.cancel(true)).isTrue();
        assertThat(deadlines.pending()).isZero();
        deadlines.expire(scheduledAt + TimeUnit.HOURS.toNanos(1));

        assertThat(runs).hasValue(0);
        assertThat(deadline.isCancelled()).isTrue();
    }

    @Test
    void eachWriteHasADeadlineOfItsOwn() {
        long scheduledAt = System.nanoTime();
        ScheduledFuture<String> soon = deadlines.schedule(this::cut, 1, TimeUnit.SECONDS);
        ScheduledFuture<String> later = deadlines.schedule(this::cut, 30, TimeUnit.SECONDS);

        deadlines.expire(scheduledAt + TimeUnit.SECONDS.toNanos(2));

        assertThat(soon.isDone()).isTrue();
        assertThat(later.isDone()).isFalse();
        assertThat(later.getDelay(TimeUnit.SECONDS)).isBetween(25L, 30L);
        assertThat(soon.compareTo(later)).isNegative();
        assertThat(deadlines.pending()).isEqualTo(1);
    }

    private String cut() {
        runs.incrementAndGet();
        return "cut";
    }
}
