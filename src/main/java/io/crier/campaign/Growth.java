package io.crier.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** AutoSend's gradual growth strategies: the same volume every day, or the day before's times a factor. */
enum Growth implements WireValue {
    FIXED("fixed"),
    TIMES_1_25("1.25x"),
    TIMES_1_5("1.5x"),
    TIMES_1_75("1.75x"),
    TIMES_2("2x");

    private final String wire;

    Growth(String wire) {
        this.wire = wire;
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
