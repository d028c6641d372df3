package io.crier.compat.blueshift;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Blueshift's campaign statuses and the native statuses each stands for. {@code archived} is a
 * flag beside the status, as in Crier.
 */
enum BlueshiftStatus {
    DRAFT("draft", Set.of("draft")),
    /** Published: waiting for its start time, or sending. */
    LAUNCHED("launched", Set.of("scheduled", "sending", "sending_gradual")),
    PAUSED("paused", Set.of("paused")),
    /** Finished one way or another: every message sent, aborted (native API), or failed. */
    COMPLETED("completed", Set.of("sent", "aborted", "failed"));

    private final String wire;
    private final Set<String> nativeStatuses;

    BlueshiftStatus(String wire, Set<String> nativeStatuses) {
        this.wire = wire;
        this.nativeStatuses = nativeStatuses;
    }

    @JsonValue
    String wire() {
        return wire;
    }

    Set<String> nativeStatuses() {
        return nativeStatuses;
    }

    static BlueshiftStatus ofNative(String status) {
        return Arrays.stream(values()).filter(s -> s.nativeStatuses.contains(status)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Blueshift status for " + status));
    }

    /** The status of this Blueshift name; empty for any other text. */
    static Optional<BlueshiftStatus> named(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
