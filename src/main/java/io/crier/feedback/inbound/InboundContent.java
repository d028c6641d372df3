package io.crier.feedback.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * A received message's content as the inbound messages API shows it: its header fields, its text,
 * its HTML and its attachments. The message is hostile input: the HTML is cleaned to jsoup's
 * relaxed safelist (no scripts, styles, event handlers or {@code javascript:} links), every part is
 * read within {@link MimeParts}' bounds, and header fields are capped in number and length.
 */
final class InboundContent {

    static final int MAX_HEADERS = 200;
    static final int MAX_HEADER_VALUE = 4000;

    /** One attachment: its place among the message's attachments (from 0), and what the message says it is. */
    record Attachment(int index, String filename, String contentType, long size) {

        String attachmentId() {
            return "att_" + index;
        }
    }

    private final MimeMessage message;

    private InboundContent(MimeMessage message) {
        this.message = message;
    }

    static InboundContent of(byte[] raw) {
        try {
            return new InboundContent(new MimeMessage(MimeParts.PARSING, new SharedByteArrayInputStream(raw)));
        } catch (MessagingException unreadable) {
            return new InboundContent(null);
        }
    }

    /** Header fields by name, in order; a field given more than once has its values joined by newlines. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (message == null) {
            return headers;
        }
        try {
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements() && headers.size() < MAX_HEADERS) {
                Header header = all.nextElement();
                String value = cut(MimeUtility.unfold(header.getValue() == null ? "" : header.getValue()));
                headers.merge(header.getName(), value, (first, next) -> cut(first + "\n" + next));
            }
        } catch (MessagingException unreadable) {
            // the fields read so far are shown
        }
        return headers;
    }

    /** The first text/plain part's text; empty when it has none or it cannot be read. */
    String text() {
        return body("text/plain").orElse("");
    }

    /** The first text/html part, cleaned to jsoup's relaxed safelist; empty when it has none. */
    String html() {
        return body("text/html").map(html -> Jsoup.clean(html, Safelist.relaxed())).orElse("");
    }

    List<Attachment> attachments() {
        List<Attachment> attachments = new ArrayList<>();
        for (Part part : attachmentParts()) {
            attachments.add(describe(attachments.size(), part));
        }
        return attachments;
    }

    /** The attachment's decoded bytes, at most {@code maxBytes} of them. */
    Optional<byte[]> attachmentBytes(int index, long maxBytes) {
        List<Part> parts = attachmentParts();
        if (index < 0 || index >= parts.size()) {
            return Optional.empty();
        }
        try (InputStream in = parts.get(index).getInputStream()) {
            return Optional.of(in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8)));
        } catch (MessagingException | IOException unreadable) {
            return Optional.empty();
        }
    }

    Optional<Attachment> attachment(int index) {
        List<Part> parts = attachmentParts();
        return index < 0 || index >= parts.size() ? Optional.empty() : Optional.of(describe(index, parts.get(index)));
    }

    private List<Part> attachmentParts() {
        List<Part> attachments = new ArrayList<>();
        if (message == null) {
            return attachments;
        }
        try {
            for (Part part : MimeParts.all(message)) {
                if (part != message && InboundSummary.isAttachment(part)) {
                    attachments.add(part);
                }
            }
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // the attachments found so far are shown
        }
        return attachments;
    }

    private static Attachment describe(int index, Part part) {
        String filename = null;
        String contentType = "application/octet-stream";
        long size = 0;
        try {
            filename = part.getFileName() == null ? null : cut(MimeUtility.decodeText(part.getFileName()));
            contentType = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            // what could be read is shown
        }
        try (InputStream in = part.getInputStream()) {
            size = in.transferTo(OutputStream.nullOutputStream());
        } catch (MessagingException | IOException unreadable) {
            // an undecodable part counts as empty
        }
        return new Attachment(index, filename == null ? "attachment-" + index : filename, contentType, size);
    }

    private Optional<String> body(String mimeType) {
        if (message == null) {
            return Optional.empty();
        }
        try {
            Optional<Part> part = MimeParts.first(message, mimeType);
            if (part.isEmpty() || InboundSummary.isAttachment(part.get())) {
                return Optional.empty();
            }
            return Optional.of(mimeType.equals("text/html") ? rawText(part.get()) : MimeParts.text(part.get()));
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** An HTML part's markup, within {@link MimeParts#MAX_TEXT} (MimeParts.text would reduce it to text). */
    private static String rawText(Part part) throws MessagingException, IOException {
        String text = part.getContent() instanceof String string ? string : "";
        return text.length() > MimeParts.MAX_TEXT ? text.substring(0, MimeParts.MAX_TEXT) : text;
    }

    private static String cut(String value) {
        return value.length() <= MAX_HEADER_VALUE ? value : value.substring(0, MAX_HEADER_VALUE);
    }
}
