package io.crier.content;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * RFC 5322 {@code Date} header values. The value changes once a second while a campaign sends
 * thousands of messages a second, so the last one formatted is kept: formatting each message's
 * date took several percent of a sender's CPU.
 */
final class MailDates {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private record Formatted(long epochSecond, String value) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private MailDates() {
    }

    static String format(Instant date) {
        Formatted cached = last;
        if (cached.epochSecond() != date.getEpochSecond()) {
            cached = new Formatted(date.getEpochSecond(), RFC_5322_DATE.format(date));
            last = cached;
        }
        return cached.value();
    }
}
