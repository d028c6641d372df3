package io.crier.delivery.smtp;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay's reply awaited on a virtual thread without a socket read timeout: when the deadline
 * passes first, the timer interrupts the reader, and a virtual thread interrupted while it reads
 * from a socket has the socket closed under it and the read fail. Disarming after the read takes
 * back an interrupt that came too late for it, so none outlives the read it was meant for.
 */
final class ReplyDeadline implements Callable<Void> {

    private static final int ARMED = 0;
    private static final int DISARMED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final Thread reader;
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final ScheduledFuture<Void> timer;

    private ReplyDeadline(long timeoutMillis, SmtpDeadlines deadlines) {
        this.reader = Thread.currentThread();
        if (!reader.isVirtual()) {
            // A platform thread blocked in a socket read ignores interrupts: only a read timeout frees it.
            throw new IllegalStateException("Replies read under a deadline need a virtual thread; "
                    + reader + " is not one");
        }
        this.timer = deadlines.schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    static ReplyDeadline arm(long timeoutMillis, SmtpDeadlines deadlines) {
        return new ReplyDeadline(timeoutMillis, deadlines);
    }

    @Override
    public Void call() {
        if (state.compareAndSet(ARMED, FIRING)) {
            reader.interrupt();
            state.set(FIRED);
        }
        return null;
    }

    /**
     * Called by the reader once its read has ended, either way. True when the deadline passed
     * first; the reader's interrupt is then cleared.
     */
    boolean disarm() {
        if (state.compareAndSet(ARMED, DISARMED)) {
            timer.cancel(false);
            return false;
        }
        while (state.get() != FIRED) {
            Thread.onSpinWait(); // the timer is between its two steps: a few instructions
        }
        Thread.interrupted();
        return true;
    }
}
