package io.crier.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waits for what the engine does in the background: every wait has a deadline. */
public final class Eventually {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Eventually() {
    }

    /**
     * Polls {@code probe} until its value satisfies {@code done}; fails with the last value after
     * {@code timeout}. The pause between polls grows from 10 to 100 ms: a probe of several API
     * calls, polled every 10 ms for seconds, spent its key's rate limit (200 at once, 100 a second)
     * and failed on a 429 while the machine was slow.
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + timeout + " for " + what + "; last seen: " + value);
            }
            pause(pauseMillis);
            pauseMillis = Math.min(LONGEST_PAUSE_MILLIS, pauseMillis * 3 / 2);
            value = probe.get();
        }
        return value;
    }

    /** The campaign once its status is {@code status}. */
    public static Reply status(Caller caller, String campaignId, String status) {
        return await("campaign " + campaignId + " to be " + status, DEFAULT_TIMEOUT,
                () -> caller.get("/v1/campaigns/" + campaignId).expect(200),
                reply -> reply.data().path("status").asString().equals(status));
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
