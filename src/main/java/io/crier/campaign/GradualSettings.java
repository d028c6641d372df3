package io.crier.campaign;

import jakarta.validation.constraints.Min;

/**
 * How a gradual campaign spreads its sending: a daily volume that grows by {@code growth}, and
 * optional hourly and per-minute caps. On input every property is optional (a partial update
 * merges them); a gradual campaign needs at least one of the three volumes.
 */
record GradualSettings(@Min(1) Integer emailsPerDay, Growth growth, @Min(1) Integer perHour,
        @Min(1) Integer perMinute) {

    static final GradualSettings NONE = new GradualSettings(null, null, null, null);

    boolean hasVolume() {
        return emailsPerDay != null || perHour != null || perMinute != null;
    }

    boolean isEmpty() {
        return equals(NONE);
    }
}
