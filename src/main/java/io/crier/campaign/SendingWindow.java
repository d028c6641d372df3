package io.crier.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a campaign may send: on {@code days}, from {@code from} (included) to {@code to} (excluded),
 * local time in {@code zone}. Outside it the campaign waits, still sending: the engine claims none of
 * its mail. {@code to} before {@code from} is a window that runs over midnight, into the next day.
 */
public record SendingWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    public SendingWindow {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
        // Over midnight: the evening belongs to today's window, the small hours to yesterday's.
        return (days.contains(local.getDayOfWeek()) && !time.isBefore(from))
                || (days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(to));
    }

    /** When the window opens next after {@code now} (now itself when it is open). */
    Instant nextOpening(Instant now) {
        if (isOpen(now)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        for (int ahead = 0; ahead <= 7; ahead++) {
            ZonedDateTime opening = local.toLocalDate().plusDays(ahead).atTime(from).atZone(zone);
            if (opening.isAfter(local) && days.contains(opening.getDayOfWeek())) {
                return opening.toInstant();
            }
        }
        throw new IllegalStateException("a window with at least one day opens within a week");
    }
}
