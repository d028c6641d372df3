package io.crier.content;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a message sits in a conversation: the {@code In-Reply-To} and {@code References} headers
 * (RFC 5322 section 3.6.4) of a reply. Built from Message-IDs of received mail, which is hostile
 * input: only well-formed ids ({@code <left@right>}, printable ASCII, no spaces) are kept, and
 * References keeps the first id (the thread's start) and the latest ones within
 * {@value #MAX_REFERENCES_LENGTH} characters, as RFC 5322 suggests trimming it.
 *
 * @param inReplyTo  the Message-ID answered, angle brackets included; null for none
 * @param references the thread's Message-IDs, oldest first, separated by single spaces; null for none
 */
public record Threading(String inReplyTo, String references) {

    public static final int MAX_REFERENCES_LENGTH = 900;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3B\\x3D\\x3F-\\x7E]{1,250}>");

    /** Neither header. */
    public static final Threading NONE = new Threading(null, null);

    /**
     * The threading of a reply to the message with this Message-ID and these References (either
     * may be null or malformed; what is not a well-formed id is dropped).
     */
    public static Threading replyTo(String messageId, String references) {
        String answered = messageId == null ? null : MESSAGE_ID.matcher(messageId.strip()).matches()
                ? messageId.strip() : null;
        List<String> thread = new ArrayList<>();
        if (references != null) {
            MESSAGE_ID.matcher(references).results().map(match -> match.group()).forEach(thread::add);
        }
        if (answered != null && !thread.contains(answered)) {
            thread.add(answered);
        }
        return new Threading(answered, thread.isEmpty() ? null : trimmed(thread));
    }

    public boolean isEmpty() {
        return inReplyTo == null && references == null;
    }

    /** The first id and as many of the latest as fit. */
    private static String trimmed(List<String> ids) {
        List<String> kept = new ArrayList<>();
        int length = ids.getFirst().length();
        for (int i = ids.size() - 1; i > 0 && length + 1 + ids.get(i).length() <= MAX_REFERENCES_LENGTH; i--) {
            kept.addFirst(ids.get(i));
            length += 1 + ids.get(i).length();
        }
        kept.addFirst(ids.getFirst());
        return String.join(" ", kept);
    }
}
