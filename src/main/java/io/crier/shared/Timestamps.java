package io.crier.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Conversions between the API's instants and JDBC's offset date-times, at millisecond precision. */
public final class Timestamps {

    /**
     * What a timestamp the API takes must say: a year of four digits, 1 to 9999, which every
     * database stores (PostgreSQL's timestamps end in 294276, and a year past 9999 cannot even be
     * written as the API writes timestamps).
     */
    public static final String YEARS = "must be in the years 1 to 9999";

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private Timestamps() {
    }

    /** Whether the API takes this instant: see {@link #YEARS}. */
    public static boolean takes(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
    }

    /** Now, truncated to milliseconds as the API shows it, so what is stored is what is read back. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** PostgreSQL's driver binds OffsetDateTime but not Instant. */
    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromDb(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    public static Instant read(ResultSet rs, String column) throws SQLException {
        return fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
