package io.crier.shared;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * What a background loop that retries says about its failures. While the database is down such a
 * loop fails every round, up to fifty times a second; one line each would bury the rest of the log.
 * So the first failure of a streak is logged in full, later ones at most once a minute with how many
 * there were, and the first round that works again says how long the streak lasted. One loop's: not
 * for several threads.
 */
public final class FailureStreak {

    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private final Logger log;
    private final Level level;
    private final String what;
    private final LongSupplier nanoTime;
    private long failures;
    private long failuresLogged;
    private long startedAt;
    private long loggedAt;

    /** {@code what} names the round, as in "{what} failed": "Dispatch", "Control poll". */
    public FailureStreak(Logger log, Level level, String what) {
        this(log, level, what, System::nanoTime);
    }

    FailureStreak(Logger log, Level level, String what, LongSupplier nanoTime) {
        this.log = log;
        this.level = level;
        this.what = what;
        this.nanoTime = nanoTime;
    }

    /** A round failed. */
    public void failed(Throwable e) {
        long now = nanoTime.getAsLong();
        failures++;
        if (failures == 1) {
            startedAt = now;
            loggedAt = now;
            failuresLogged = 1;
            log.atLevel(level).setCause(e).log("{} failed; retrying", what);
        } else if (now - loggedAt >= SUMMARY_EVERY.toNanos()) {
            log.atLevel(level).log("{} still failing: {} more failed rounds in {} s; the last: {}", what,
                    failures - failuresLogged, seconds(now - loggedAt), e.toString());
            loggedAt = now;
            failuresLogged = failures;
        }
    }

    /** A round worked: ends a streak of failures, if there was one. */
    public void succeeded() {
        if (failures > 0) {
            log.info("{} works again after {} failed rounds in {} s", what, failures,
                    seconds(nanoTime.getAsLong() - startedAt));
            failures = 0;
        }
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
