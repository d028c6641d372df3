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

    private Timestamps() {
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
