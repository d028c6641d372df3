package io.crier.feedback.inbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Message-IDs ({@code <id@domain>}) header values quote, in order, each once, at most {@link #MAX}. */
final class QuotedMessageIds {

    /** A long References chain names the thread's start first and the newest last: both ends are kept. */
    static final int MAX = 20;
    private static final Pattern ID = Pattern.compile("<[^<>\\s]{1,250}@[^<>\\s]{1,250}>");

    private QuotedMessageIds() {
    }

    static List<String> in(List<String> headerValues) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : headerValues) {
            if (value == null) {
                continue;
            }
            Matcher matcher = ID.matcher(value);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        List<String> all = new ArrayList<>(ids);
        if (all.size() <= MAX) {
            return all;
        }
        List<String> kept = new ArrayList<>(all.subList(0, MAX / 2));
        kept.addAll(all.subList(all.size() - MAX / 2, all.size()));
        return kept;
    }
}
