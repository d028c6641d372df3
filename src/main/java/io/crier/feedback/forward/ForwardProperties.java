package io.crier.feedback.forward;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passing replies on to the campaign's real reply-to.
 *
 * @param maxAttempts   tries of a forward the relay does not take (4xx, no connection) before it
 *                      is parked; a refusal (5xx) parks it at once
 * @param retryAfter    the wait after the first failed try, doubled after each one after it
 * @param maxRetryAfter the longest wait between two tries
 * @param pollInterval  how often an idle node looks for forwards due
 */
@ConfigurationProperties("crier.feedback.forwards")
record ForwardProperties(
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1m") Duration retryAfter,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("1s") Duration pollInterval) {

    /** The wait after the {@code tries}-th failed try. */
    Duration backoff(int tries) {
        Duration wait = retryAfter.multipliedBy(1L << Math.min(tries - 1, 20));
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }
}
