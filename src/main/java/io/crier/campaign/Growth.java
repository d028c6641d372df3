package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** AutoSend's gradual growth strategies: the same volume every day, or the day before's times a factor. */
enum Growth implements WireValue {
    FIXED("fixed", 1),
    TIMES_1_25("1.25x", 1.25),
    TIMES_1_5("1.5x", 1.5),
    TIMES_1_75("1.75x", 1.75),
    TIMES_2("2x", 2);

    private final String wire;
    private final double factor;

    Growth(String wire, double factor) {
        this.wire = wire;
        this.factor = factor;
    }

    /** Day n sends emailsPerDay × factor^(n-1). */
    double factor() {
        return factor;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    static Growth of(String value) {
        return WireValue.parse(Growth.class, value);
    }
}
