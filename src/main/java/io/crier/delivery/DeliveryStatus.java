package io.crier.delivery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * Where one delivery stands, and the only moves it may make:
 * <pre>
 * queued ──claim──► claimed ──► sent | bounced | failed      (final)
 *   ▲                  │  └──► deferred ──claim (when due)──► claimed
 *   └── release/lease ─┘
 * queued | deferred | claimed (not yet past MAIL FROM) ──abort──► cancelled (final)
 * failed ──retry-failed──► queued
 * suppressed (a transactional message to a suppressed address: final from the start)
 * </pre>
 */
public enum DeliveryStatus implements WireValue {
    QUEUED, CLAIMED, SENT, DEFERRED, BOUNCED, FAILED, CANCELLED,
    /** A transactional message to a suppressed address: recorded, never sent. */
    SUPPRESSED;

    private static final Map<DeliveryStatus, Set<DeliveryStatus>> MOVES = Map.of(
            QUEUED, EnumSet.of(CLAIMED, CANCELLED),
            DEFERRED, EnumSet.of(CLAIMED, CANCELLED),
            CLAIMED, EnumSet.of(SENT, BOUNCED, FAILED, DEFERRED, QUEUED, CANCELLED),
            FAILED, EnumSet.of(QUEUED),
            SENT, EnumSet.noneOf(DeliveryStatus.class),
            BOUNCED, EnumSet.noneOf(DeliveryStatus.class),
            CANCELLED, EnumSet.noneOf(DeliveryStatus.class),
            SUPPRESSED, EnumSet.noneOf(DeliveryStatus.class));

    /** Waiting to be sent: what a claim picks up and an abort cancels. */
    static final Set<DeliveryStatus> PENDING = EnumSet.of(QUEUED, DEFERRED);

    public boolean canMoveTo(DeliveryStatus next) {
        return MOVES.get(this).contains(next);
    }


    public boolean isFinal() {
        return MOVES.get(this).isEmpty() || this == FAILED;
    }

    @Override
    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryStatus of(String value) {
        return WireValue.parse(DeliveryStatus.class, value);
    }
}
