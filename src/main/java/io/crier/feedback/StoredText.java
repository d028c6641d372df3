package io.crier.feedback;

/**
 * Text from a receiver (a bounce's reason, a reply) made fit to store: hostile mail may carry
 * NUL characters or unpaired surrogates, which PostgreSQL refuses or mangles, and any length.
 */
public final class StoredText {

    private static final int MAX_REASON = 1000;

    private StoredText() {
    }

    /** The text without NULs and unpaired surrogates, cut to at most {@code max} characters; null stays null. */
    public static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && kept.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (kept.length() + 2 > max) {
                    break;
                }
                kept.append(c).append(text.charAt(++i));
            } else if (c != '\0' && !Character.isSurrogate(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /**
     * A reason fit for a {@code varchar(1000)}: it may quote hostile mail or a relay's reply, and
     * PostgreSQL refuses a NUL in text. Longer ones are cut, ending in "...".
     */
    public static String reason(String reason) {
        String stored = of(reason, MAX_REASON + 1);
        return stored == null || stored.length() <= MAX_REASON ? stored : stored.substring(0, MAX_REASON - 3) + "...";
    }
}
