package io.crier.campaign;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.Size;

import io.crier.shared.FieldProblem;

/**
 * A campaign's {@code sendingWindow} as the API takes and shows it: {@code days} ({@code mon} to
 * {@code sun}; none or empty: every day), {@code from} and {@code to} as {@code HH:mm} local time,
 * and the {@code timezone} they are in (empty: the campaign's {@code timezone}, else UTC).
 */
record SendingWindowSettings(@Size(max = 7) List<String> days, @Size(max = 5) String from, @Size(max = 5) String to,
        @Size(max = 64) String timezone) {

    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** The problems of this window, each naming its field under {@code sendingWindow}; empty when it is valid. */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (days != null) {
            for (int i = 0; i < days.size(); i++) {
                if (days.get(i) == null || !DAY_NAMES.contains(days.get(i).toLowerCase(Locale.ROOT))) {
                    problems.add(new FieldProblem("sendingWindow.days[" + i + "]", "must be one of "
                            + String.join(", ", DAY_NAMES)));
                }
            }
        }
        LocalTime start = time("from", from, problems);
        LocalTime end = time("to", to, problems);
        if (start != null && start.equals(end)) {
            problems.add(new FieldProblem("sendingWindow.to", "must differ from sendingWindow.from"));
        }
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            problems.add(new FieldProblem("sendingWindow.timezone", "must be an IANA time zone such as Europe/Berlin"));
        }
        return problems;
    }

    /** The window the engine keeps; valid settings only. */
    SendingWindow window(String campaignTimezone) {
        Set<DayOfWeek> open = EnumSet.noneOf(DayOfWeek.class);
        if (days != null) {
            days.forEach(day -> open.add(DayOfWeek.of(DAY_NAMES.indexOf(day.toLowerCase(Locale.ROOT)) + 1)));
        }
        String zone = timezone != null ? timezone : campaignTimezone != null ? campaignTimezone : "UTC";
        return new SendingWindow(open, LocalTime.parse(from), LocalTime.parse(to), ZoneId.of(zone));
    }

    /** {@code days} as stored: lower case, comma-separated; null for every day. */
    String storedDays() {
        return days == null || days.isEmpty() ? null : String.join(",", days).toLowerCase(Locale.ROOT);
    }

    static List<String> readDays(String stored) {
        return stored == null ? null : List.of(stored.split(","));
    }

    private static LocalTime time(String field, String value, List<FieldProblem> problems) {
        if (value == null) {
            problems.add(new FieldProblem("sendingWindow." + field, "is required, as HH:mm"));
            return null;
        }
        try {
            if (value.length() == 5) {
                return LocalTime.parse(value);
            }
        } catch (DateTimeParseException e) {
            // Answered below like any other shape.
        }
        problems.add(new FieldProblem("sendingWindow." + field, "must be a time of day as HH:mm, e.g. 09:00"));
        return null;
    }
}
