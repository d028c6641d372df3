package io.crier.delivery.smtp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer behind the SMTP client's timeouts, one for every relay session. Angus Mail's write
 * timeout ({@code mail.smtp.writetimeout}) schedules a task before each socket write, to close the
 * socket if the write is still blocked when it runs, and cancels it after the write; left to
 * itself it gives each connection an executor of its own, whose thread every write woke twice:
 * about a sixth of a sending node's CPU. A sender's replies are read under a {@link ReplyDeadline}
 * on the same timer instead of a socket read timeout, whose timed park costs a virtual thread as
 * much (docs/benchmarks.md, "The SMTP timeouts"). Here such a task is an entry in a set, and the
 * executor's one thread runs those whose deadline has passed at each check: a write or a read
 * blocked past its timeout is cut within one check interval after it. Only
 * {@code schedule(Callable, …)} works this way; the executor's other methods are the ordinary ones.
 */
final class SmtpDeadlines extends ScheduledThreadPoolExecutor {

    static final SmtpDeadlines SHARED = new SmtpDeadlines(SmtpProperties.TIMEOUTS_CHECKED_EVERY);

    private final Set<Deadline<?>> pending = ConcurrentHashMap.newKeySet();

    SmtpDeadlines(Duration checkEvery) {
        super(1, Thread.ofPlatform().daemon().name("crier-smtp-deadlines").factory());
        long every = checkEvery.toNanos();
        scheduleWithFixedDelay(() -> expire(System.nanoTime()), every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        Deadline<V> deadline = new Deadline<>(task, System.nanoTime() + unit.toNanos(delay));
        pending.add(deadline);
        return deadline;
    }

    /** Runs the tasks whose deadline is at or before {@code nowNanos} (a {@link System#nanoTime}). */
    void expire(long nowNanos) {
        for (Deadline<?> deadline : pending) {
            if (deadline.dueNanos - nowNanos <= 0 && pending.remove(deadline)) {
                deadline.run();
            }
        }
    }

    /** Deadlines neither run nor cancelled yet. */
    int pending() {
        return pending.size();
    }

    private final class Deadline<V> extends FutureTask<V> implements ScheduledFuture<V> {

        private final long dueNanos;

        Deadline(Callable<V> task, long dueNanos) {
            super(task);
            this.dueNanos = dueNanos;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            pending.remove(this);
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
