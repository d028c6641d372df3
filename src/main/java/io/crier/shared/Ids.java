package io.crier.shared;

import java.util.Optional;
import java.util.UUID;

/** Ids are UUIDs on the wire and in the database. */
public final class Ids {

    private Ids() {
    }

    public static UUID newId() {
        return UUID.randomUUID();
    }

    /** An id that is not even UUID-shaped cannot exist: callers answer it like any unknown id. */
    public static Optional<UUID> parse(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
