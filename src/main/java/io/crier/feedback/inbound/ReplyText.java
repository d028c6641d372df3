package io.crier.feedback.inbound;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A reply's own words, with the quoted history cut: everything from the first line that begins
 * the quote. That is a line quoted with {@code >}, an attribution ("On ... wrote:", "Le ... a
 * écrit :", "Am ... schrieb ...:", possibly wrapped over two lines), Outlook's "-----Original
 * Message-----" or its underscore rule followed by "From:", or a signature separator ("-- ").
 */
final class ReplyText {

    /** Longer replies are cut here: the text travels in webhooks. */
    static final int MAX_LENGTH = 10_000;

    private static final List<Pattern> QUOTE_STARTS = List.of(
            Pattern.compile("^>"),
            Pattern.compile("^On\\s.+\\swrote:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^Le\\s.+\\s[ée]crit\\s?:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^Am\\s.+\\sschrieb.*:$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*Original Message\\s*-{2,}", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}$"),
            Pattern.compile("^From:\\s.+\\s(Sent|Date):\\s", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-- ?$"));

    private ReplyText() {
    }

    static String of(String body) {
        String[] lines = body.replace("\r\n", "\n").split("\n", -1);
        StringBuilder own = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String withNext = i + 1 < lines.length ? line + " " + lines[i + 1].strip() : line;
            if (startsQuote(line.strip()) || startsQuote(withNext.strip())) {
                break;
            }
            own.append(line).append('\n');
        }
        String text = own.toString().strip();
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }

    private static boolean startsQuote(String line) {
        return QUOTE_STARTS.stream().anyMatch(pattern -> pattern.matcher(line).find());
    }
}
