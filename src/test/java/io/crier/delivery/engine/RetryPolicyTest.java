package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.crier.delivery.DeliveryProperties;


class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(new DeliveryProperties(null, Duration.ofSeconds(60),
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofMillis(20),
            Duration.ofMillis(200), Duration.ofSeconds(1), 4, Duration.ofMinutes(1), Duration.ofMinutes(10), null, 2));

    @Test
    void backoffDoublesFromTheGivenTimeWithJitterUpToItsCapAndAttemptsRunOut() {
        Instant now = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(400));
        for (int attempts = 1; attempts <= 6; attempts++) {
            long backoff = Math.min(Duration.ofMinutes(10).toMillis(), 60_000L << (attempts - 1));
            for (int sample = 0; sample < 50; sample++) {
                assertThat(policy.nextAttempt(attempts, now))
                        .isBetween(now.plusMillis(backoff / 2), now.plusMillis(backoff * 3 / 2));
            }
        }
        assertThat(policy.retries(3)).isTrue();
        assertThat(policy.retries(4)).isFalse();
    }
}
