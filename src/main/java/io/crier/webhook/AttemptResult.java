package io.crier.webhook;

import java.time.Instant;

/** How one request went: the receiver's status code, or the error when there was no answer (or none was sent). */
record AttemptResult(Instant at, Integer statusCode, String error, long durationMillis) {

    static final int MAX_ERROR_LENGTH = 1000;

    boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    static AttemptResult answered(Instant at, int statusCode, long durationMillis) {
        return new AttemptResult(at, statusCode, statusCode >= 200 && statusCode < 300 ? null
                : "the receiver answered " + statusCode, durationMillis);
    }

    static AttemptResult failed(Instant at, String error, long durationMillis) {
        String shown = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        return new AttemptResult(at, null, shown, durationMillis);
    }
}
