package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.crier.delivery.DeliveryProperties;

/** Exponential backoff with jitter for temporary failures, up to a number of attempts. */
final class RetryPolicy {

    private final int maxAttempts;
    private final Duration base;
    private final Duration max;

    RetryPolicy(DeliveryProperties properties) {
        this.maxAttempts = properties.maxAttempts();
        this.base = properties.retryBase();
        this.max = properties.retryMax();
    }

    /** Whether a delivery that has now failed {@code attemptsMade} times gets another try. */
    boolean retries(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** base × 2^(attempts-1), capped, times a jitter between 0.5 and 1.5 so retries do not march in step. */
    Instant nextAttempt(int attemptsMade, Instant now) {
        double backoff = Math.min(max.toMillis(), base.toMillis() * Math.pow(2, attemptsMade - 1));
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        return now.plusMillis((long) (backoff * jitter));
    }
}
