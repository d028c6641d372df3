package io.crier.delivery;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * Where one delivery stands, and the only moves it may make:
 * <pre>
 * queued ──claim──► claimed ──► sent | bounced | failed      (final, but:)
 * sent ──a hard bounce heard back later (a DSN, a provider's event)──► bounced
 *   ▲                  │  └──► deferred ──claim (when due)──► claimed
 *   └── release/lease ─┘
 * queued | deferred | claimed (not yet past MAIL FROM) ──abort──► cancelled (final)
 * queued | deferred ──address suppressed──► suppressed (final)
 * failed ──retry-failed──► queued
 * suppressed (also a transactional message to a suppressed address: final from the start)
 * </pre>
 */
public enum DeliveryStatus implements WireValue {
    QUEUED, CLAIMED, SENT, DEFERRED, BOUNCED, FAILED, CANCELLED,
    /** To an address suppressed before it was sent: recorded, never sent. */
    SUPPRESSED;

    private static final Map<DeliveryStatus, Set<DeliveryStatus>> MOVES = Map.of(
            QUEUED, EnumSet.of(CLAIMED, CANCELLED, SUPPRESSED),
            DEFERRED, EnumSet.of(CLAIMED, CANCELLED, SUPPRESSED),
            CLAIMED, EnumSet.of(SENT, BOUNCED, FAILED, DEFERRED, QUEUED, CANCELLED),
            FAILED, EnumSet.of(QUEUED),
            SENT, EnumSet.of(BOUNCED),
            BOUNCED, EnumSet.noneOf(DeliveryStatus.class),
            CANCELLED, EnumSet.noneOf(DeliveryStatus.class),
            SUPPRESSED, EnumSet.noneOf(DeliveryStatus.class));

    /** Waiting to be sent: what a claim picks up and an abort cancels. */
    public static final Set<DeliveryStatus> PENDING = EnumSet.of(QUEUED, DEFERRED);

    boolean canMoveTo(DeliveryStatus next) {
        return MOVES.get(this).contains(next);
    }

    /**
     * The SQL list of the statuses {@code from}, for a statement moving deliveries from them to
     * {@code to}; fails fast when the diagram above does not allow one of those moves.
     */
    public static String guard(Set<DeliveryStatus> from, DeliveryStatus... to) {
        for (DeliveryStatus source : from) {
            for (DeliveryStatus target : to) {
                if (!source.canMoveTo(target)) {
                    throw new IllegalStateException("A delivery cannot move from " + source + " to " + target);
                }
            }
        }
        return from.stream().map(DeliveryStatus::sql).collect(Collectors.joining(", "));
    }

    /** This status as an SQL literal. */
    public String sql() {
        return "'" + wire() + "'";
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
