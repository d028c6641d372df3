package io.crier.compat.blueshift;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.campaign.CampaignStatus;

/**
 * Blueshift's campaign statuses and the native statuses each stands for. {@code archived} is a
 * flag beside the status, as in Crier.
 */
enum BlueshiftStatus {
    DRAFT("draft", status -> status == CampaignStatus.DRAFT),
    /** Published: waiting for its start time, or sending. */
    LAUNCHED("launched", CampaignStatus::isPausable),
    PAUSED("paused", status -> status == CampaignStatus.PAUSED),
    /** Finished one way or another: every message sent, aborted (native API), or failed. */
    COMPLETED("completed", CampaignStatus::isFinished);

    private final String wire;
    private final Set<CampaignStatus> nativeStatuses;

    BlueshiftStatus(String wire, Predicate<CampaignStatus> standsFor) {
        this.wire = wire;
        this.nativeStatuses = Arrays.stream(CampaignStatus.values()).filter(standsFor)
                .collect(Collectors.toUnmodifiableSet());
    }

    @JsonValue
    String wire() {
        return wire;
    }

    Set<CampaignStatus> nativeStatuses() {
        return nativeStatuses;
    }

    static BlueshiftStatus ofNative(CampaignStatus status) {
        return Arrays.stream(values()).filter(s -> s.nativeStatuses.contains(status)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Blueshift status for " + status));
    }

    /** The status of this Blueshift name; empty for any other text. */
    static Optional<BlueshiftStatus> named(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
