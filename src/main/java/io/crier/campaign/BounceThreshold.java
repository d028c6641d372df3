package io.crier.campaign;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * A campaign's own bounce-rate limit, instead of its {@code thresholdPreset}'s: once at least
 * {@code minSample} deliveries have an outcome (sent or bounced), a share of bounces above
 * {@code rate} (a fraction: 0.05 is 5%) pauses the campaign. On input both properties are optional
 * (a partial update merges them), but a stored threshold has both.
 */
record BounceThreshold(
        @DecimalMin(value = "0", inclusive = false, message = "must be a fraction above 0, such as 0.05 for 5%")
        @DecimalMax(value = "1", message = "must be a fraction of at most 1, such as 0.05 for 5%")
        Double rate,
        @Min(1) Integer minSample) {

    static final BounceThreshold NONE = new BounceThreshold(null, null);

    boolean isEmpty() {
        return equals(NONE);
    }

    LaunchedCampaign.BounceLimit limit() {
        return new LaunchedCampaign.BounceLimit(rate, minSample);
    }
}
