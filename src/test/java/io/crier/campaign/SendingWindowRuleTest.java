package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** When a sending window is open, in its own time zone, and when it opens next. */
class SendingWindowRuleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final SendingWindow OFFICE_HOURS = new SendingWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0), BERLIN);

    @Test
    void openOnItsDaysFromItsStartUntilJustBeforeItsEndInItsTimeZone() {
        // Monday 2026-12-07: 09:00 in Berlin is 08:00 UTC.
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-12-07T07:59:59Z"))).isFalse();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-12-07T08:00:00Z"))).isTrue();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-12-07T15:59:59Z"))).isTrue();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-12-07T16:00:00Z"))).isFalse();
        assertThat(OFFICE_HOURS.isOpen(Instant.parse("2026-12-08T10:00:00Z"))).as("a Tuesday").isFalse();
    }

    @Test
    void theNextOpeningSkipsTheDaysItIsClosed() {
        assertThat(OFFICE_HOURS.nextOpening(Instant.parse("2026-12-07T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-11T08:00:00Z"));
        assertThat(OFFICE_HOURS.nextOpening(Instant.parse("2026-12-11T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-11T09:00:00Z"));
    }

    @Test
    void aWindowOverMidnightBelongsToTheDayItOpens() {
        SendingWindow night = new SendingWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(2, 0),
                ZoneId.of("UTC"));
        assertThat(night.isOpen(Instant.parse("2026-12-11T23:00:00Z"))).as("Friday night").isTrue();
        assertThat(night.isOpen(Instant.parse("2026-12-12T01:00:00Z"))).as("the small hours of Saturday").isTrue();
        assertThat(night.isOpen(Instant.parse("2026-12-12T23:00:00Z"))).as("Saturday night").isFalse();
        assertThat(night.isOpen(Instant.parse("2026-12-11T01:00:00Z"))).as("the small hours of Friday").isFalse();
    }
}
