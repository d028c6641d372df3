package io.crier.campaign;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import io.crier.shared.Timestamps;

/**
 * Reads a {@code scheduledAt}. A date-time with {@code Z} or an offset is an instant and means
 * exactly that moment: the campaign's {@code timezone} does not shift it. A date-time without an
 * offset ({@code 2026-05-01T09:00:00}) is a wall-clock time in the campaign's timezone, the way a
 * scheduling form shows it, and is turned into an instant when it is given; changing the timezone
 * later does not move a start time already set. A local time that the zone skips (a DST gap) moves
 * forward by the gap; one that occurs twice (a DST overlap) is the earlier of the two.
 */
final class StartTimes {

    static final String FORMAT = "must be an ISO-8601 date-time such as 2026-05-01T09:00:00Z, "
            + "or 2026-05-01T09:00:00 in the campaign's timezone";

    private StartTimes() {
    }

    /**
     * The instant {@code value} names, reading a time without offset in {@code timezone}.
     *
     * @throws IllegalArgumentException with the message for the {@code scheduledAt} field
     */
    static Instant parse(String value, String timezone) {
        TemporalAccessor parsed;
        try {
            parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(FORMAT);
        }
        Instant instant;
        if (parsed instanceof OffsetDateTime withOffset) {
            instant = withOffset.toInstant();
        } else if (timezone == null) {
            throw new IllegalArgumentException("has no UTC offset: add one (such as Z) or set timezone");
        } else {
            instant = ((LocalDateTime) parsed).atZone(ZoneId.of(timezone)).toInstant();
        }
        if (!Timestamps.takes(instant)) {
            throw new IllegalArgumentException(Timestamps.YEARS);
        }
        return instant;
    }
}
