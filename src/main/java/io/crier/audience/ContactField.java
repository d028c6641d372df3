package io.crier.audience;

import java.util.Arrays;
import java.util.Optional;

/** A contact's own field that a segment's field rule may name, with the column it is stored in. */
enum ContactField {
    EMAIL("email", "c.email"), FIRST_NAME("firstName", "c.first_name"), LAST_NAME("lastName", "c.last_name"),
    CREATED_AT("createdAt", "c.created_at");

    /** A field rule names a custom field as {@code customFields.<name>}. */
    static final String CUSTOM_PREFIX = "customFields.";

    private final String wire;
    private final String column;

    ContactField(String wire, String column) {
        this.wire = wire;
        this.column = column;
    }

    String column() {
        return column;
    }

    boolean isTime() {
        return this == CREATED_AT;
    }

    static Optional<ContactField> fromWire(String wire) {
        return Arrays.stream(values()).filter(field -> field.wire.equals(wire)).findFirst();
    }
}
