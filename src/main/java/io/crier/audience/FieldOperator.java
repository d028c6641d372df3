package io.crier.audience;

import java.util.Arrays;
import java.util.Optional;

/** How a segment's field rule compares a contact's field with its value. */
enum FieldOperator {
    EQUALS("equals"), NOT_EQUALS("notEquals"), CONTAINS("contains"), STARTS_WITH("startsWith"),
    EXISTS("exists"), NOT_EXISTS("notExists"), GT("gt"), LT("lt"), BEFORE("before"), AFTER("after"), IN("in");

    private final String wire;

    FieldOperator(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static Optional<FieldOperator> fromWire(String wire) {
        return Arrays.stream(values()).filter(operator -> operator.wire.equals(wire)).findFirst();
    }

    /** Exists and notExists take no value. */
    boolean takesValue() {
        return this != EXISTS && this != NOT_EXISTS;
    }
}
