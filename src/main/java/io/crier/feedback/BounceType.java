package io.crier.feedback;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** A bounce for good (5.x.x: no such user, domain) or for now (4.x.x: mailbox full, greylisted). */
public enum BounceType implements WireValue {
    HARD("hard"),
    SOFT("soft");

    private final String wire;

    BounceType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }
}
