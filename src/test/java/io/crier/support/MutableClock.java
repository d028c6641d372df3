package io.crier.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so gradual and scheduled sending can be tested
 * by stepping time instead of sleeping. It only moves forward: other Crier contexts of the same
 * test run share the database and run on the real clock, which must never be ahead of it.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("The test clock only moves forward");
        }
        now.updateAndGet(current -> current.plus(step));
    }

    /** Moves the clock to {@code target}; a target in the past is refused. */
    public void advanceTo(Instant target) {
        advance(Duration.between(now.get(), target));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Crier works in UTC");
    }
}
