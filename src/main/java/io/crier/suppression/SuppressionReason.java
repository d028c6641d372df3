package io.crier.suppression;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** Why an address is suppressed. */
public enum SuppressionReason implements WireValue {
    UNSUBSCRIBED("unsubscribed"),
    BOUNCED("bounced"),
    COMPLAINED("complained"),
    MANUAL("manual"),
    /** An erased contact's keyed hash ({@link ErasedAddresses}): the address itself is gone. */
    ERASED("erased");

    private final String wire;

    SuppressionReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    static SuppressionReason of(String value) {
        return WireValue.parse(SuppressionReason.class, value);
    }
}
