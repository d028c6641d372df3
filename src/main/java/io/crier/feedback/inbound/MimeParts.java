package io.crier.feedback.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

import org.jsoup.Jsoup;

/**
 * Reading parts of a parsed message with Jakarta Mail: the parts of a tree, depth-first, a part's
 * text, and the header-like field groups of a report part (message/delivery-status,
 * message/feedback-report), which Jakarta Mail has no handler for. Bounded: a hostile message
 * nests parts deeply or has thousands of them.
 */
final class MimeParts {

    /** Parts deeper than this or beyond this count are not looked at: no real report comes close. */
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 200;
    /** The most text read of one part: enough for any reply's or bounce's own words. */
    static final int MAX_TEXT = 256 * 1024;
    /** The session messages are parsed in: no properties, never connected. */
    static final Session PARSING = Session.getInstance(new Properties());

    private MimeParts() {
    }

    /** The message and its parts, depth-first, with the parts of attached messages (message/rfc822). */
    static List<Part> all(Part root) throws MessagingException, IOException {
        List<Part> parts = new ArrayList<>();
        collect(root, 0, parts);
        return parts;
    }

    private static void collect(Part part, int depth, List<Part> parts) throws MessagingException, IOException {
        if (parts.size() >= MAX_PARTS) {
            return;
        }
        parts.add(part);
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), depth + 1, parts);
            }
        } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage attached) {
            collect(attached, depth + 1, parts);
        }
    }

    /** The first part of the type, not looking inside attached messages. */
    static Optional<Part> first(Part root, String mimeType) throws MessagingException, IOException {
        for (Part part : all(root)) {
            if (part != root && part instanceof MimeMessage) {
                break;
            }
            if (part.isMimeType(mimeType)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /** A parameter of the part's Content-Type, lowercased; empty when absent or unreadable. */
    static String contentTypeParameter(Part part, String name) throws MessagingException {
        try {
            String value = new ContentType(part.getContentType()).getParameter(name);
            return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        } catch (ParseException unreadable) {
            return "";
        }
    }

    /** The part's decoded bytes as text, at most {@link #MAX_TEXT} of them. */
    static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        String text;
        if (content instanceof String string) {
            text = string;
        } else {
            try (InputStream in = part.getInputStream()) {
                text = new String(in.readNBytes(MAX_TEXT), StandardCharsets.UTF_8);
            }
        }
        text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return part.isMimeType("text/html") ? Jsoup.parse(text).wholeText() : text;
    }

    /** The message's own words: its first text/plain part, else its first text/html part as text. */
    static Optional<String> bodyText(Part message) throws MessagingException, IOException {
        Optional<Part> plain = first(message, "text/plain");
        if (plain.isPresent()) {
            return Optional.of(text(plain.get()));
        }
        Optional<Part> html = first(message, "text/html");
        return html.isPresent() ? Optional.of(text(html.get())) : Optional.empty();
    }

    /**
     * The groups of header fields a report part holds, separated by blank lines (RFC 3464's
     * per-message and per-recipient fields; RFC 5965's one group).
     */
    static List<InternetHeaders> fieldGroups(Part part) throws MessagingException, IOException {
        List<InternetHeaders> groups = new ArrayList<>();
        byte[] body;
        try (InputStream in = part.getInputStream()) {
            body = in.readNBytes(MAX_TEXT);
        }
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        for (String block : text.split("\n[ \t]*\n")) {
            if (!block.isBlank()) {
                groups.add(new InternetHeaders(new ByteArrayInputStream(
                        (block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        return groups;
    }

    /** The first value of a field in any of the groups, stripped; empty when none has it. */
    static Optional<String> field(List<InternetHeaders> groups, String name) {
        for (InternetHeaders group : groups) {
            String value = group.getHeader(name, null);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
