package io.crier.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.jdkim.api.Headers;

/**
 * The header fields of a message Crier rendered, as jDKIM reads them: each field whole, with its
 * folding, without the final CRLF. Splitting the header block here, rather than letting jDKIM
 * parse the whole message into a MIME tree, keeps signing to one pass over bytes already in memory.
 */
final class MessageHeaders implements Headers {

    private final List<String> fields;
    private final List<String> names;

    private MessageHeaders(List<String> fields, List<String> names) {
        this.fields = fields;
        this.names = names;
    }

    /** The fields of {@code message[0, headerEnd)}, the header block with its last CRLF. */
    static MessageHeaders of(byte[] message, int headerEnd) {
        // Rendered headers are ASCII (RFC 2047 words for the rest); Latin-1 maps any byte one to one.
        String block = new String(message, 0, headerEnd, StandardCharsets.ISO_8859_1);
        List<String> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int start = 0;
        while (start < block.length()) {
            int end = block.indexOf("\r\n", start);
            while (end >= 0 && end + 2 < block.length() && isWhitespace(block.charAt(end + 2))) {
                end = block.indexOf("\r\n", end + 2);
            }
            if (end < 0) {
                end = block.length();
            }
            String field = block.substring(start, end);
            int colon = field.indexOf(':');
            if (colon > 0) {
                fields.add(field);
                names.add(field.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            }
            start = end + 2;
        }
        return new MessageHeaders(fields, names);
    }

    /** How many fields have this (lower-case) name. */
    int count(String name) {
        int count = 0;
        for (String present : names) {
            if (present.equals(name)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public List<String> getFields() {
        return fields;
    }

    @Override
    public List<String> getFields(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> matching = new ArrayList<>(2);
        for (int i = 0; i < fields.size(); i++) {
            if (names.get(i).equals(lower)) {
                matching.add(fields.get(i));
            }
        }
        return matching;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
