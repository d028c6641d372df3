package io.crier.shared;

import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;

/**
 * A 429 {@code RATE_LIMITED}: the caller may try again after {@link #retryAfterSeconds()}, which
 * the answer gives as the {@code Retry-After} header and as {@code retryAfter} in the error.
 */
public class RateLimitedException extends ApiException {

    public static final String RETRY_AFTER = "Retry-After";

    private final long retryAfterSeconds;

    private RateLimitedException(String why, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                why + "; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A 429 for a caller that must wait this long (a token bucket's refill time); {@code why} starts
     * the message, e.g. "Too many requests", and the wait ends it.
     */
    public static RateLimitedException after(String why, long nanosToWait) {
        return new RateLimitedException(why, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + 999_999_999)));
    }

    /** Whole seconds, rounded up and at least one. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
