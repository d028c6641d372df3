package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * AutoSend's {@code thresholdPreset}: a named bounce-rate limit that pauses a campaign by itself
 * once it has had enough deliveries to judge. {@code balanced}, AutoSend's own example value, is
 * the default; {@code conservative} stops sooner, {@code aggressive} later, {@code off} never. A
 * campaign's {@link BounceThreshold} takes precedence over its preset.
 */
enum ThresholdPreset implements WireValue {
    CONSERVATIVE("conservative", new BounceThreshold(0.02, 50)),
    BALANCED("balanced", new BounceThreshold(0.05, 100)),
    AGGRESSIVE("aggressive", new BounceThreshold(0.10, 200)),
    OFF("off", null);

    static final ThresholdPreset DEFAULT = BALANCED;

    private final String wire;
    private final BounceThreshold threshold;

    ThresholdPreset(String wire, BounceThreshold threshold) {
        this.wire = wire;
        this.threshold = threshold;
    }

    /** The preset's limit; null for {@code off}. */
    BounceThreshold threshold() {
        return threshold;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    static ThresholdPreset of(String value) {
        return WireValue.parse(ThresholdPreset.class, value);
    }
}
