package io.crier.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Targets (host and port) that gave no answer lately: their requests wait, unsent and without
 * spending an attempt, until the back-off ends, so a dead or hanging endpoint, or a third party
 * that many webhooks point at, is not hit again by every row due for it. Each failure without an
 * answer doubles the wait, from {@link #FIRST} to {@link #LONGEST}; an answer of any kind ends it.
 * Per node.
 */
final class HostBackoff {

    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration LONGEST = Duration.ofMinutes(10);

    private record Hold(Instant until, Duration last) {
    }

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** When the target may be tried again, if it is backing off at {@code now}. */
    Optional<Instant> heldUntil(String target, Instant now) {
        Hold hold = holds.get(target);
        return hold != null && now.isBefore(hold.until()) ? Optional.of(hold.until()) : Optional.empty();
    }

    /** What came of a request to the target: no answer holds it back (longer each time), an answer frees it. */
    void record(String target, AttemptResult result, Instant now) {
        if (result.statusCode() != null) {
            holds.remove(target);
            return;
        }
        holds.compute(target, (key, previous) -> {
            Duration wait = previous == null ? FIRST : min(previous.last().multipliedBy(2), LONGEST);
            return new Hold(now.plus(wait), wait);
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
