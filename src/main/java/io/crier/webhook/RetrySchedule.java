package io.crier.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed webhook request is tried again: 1 minute after the first attempt, then 5 minutes,
 * 30 minutes, 2 hours and 8 hours after each further one (Leadterra's documented schedule, which
 * Crier's own format shares). After the sixth attempt the call is failed.
 */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(8));

    static final int MAX_ATTEMPTS = DELAYS.size() + 1;

    private RetrySchedule() {
    }

    /** The next attempt after {@code attempts} failed ones, the last made at {@code lastAttempt}; empty when none is left. */
    static Optional<Instant> next(int attempts, Instant lastAttempt) {
        return attempts < MAX_ATTEMPTS ? Optional.of(lastAttempt.plus(DELAYS.get(attempts - 1))) : Optional.empty();
    }
}
