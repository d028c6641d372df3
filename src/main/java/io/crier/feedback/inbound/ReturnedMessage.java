package io.crier.feedback.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * The header of the message a report returns or quotes (a DSN's or an ARF report's third part: a
 * message/rfc822 or text/rfc822-headers part), which tells which of Crier's messages it is about.
 */
record ReturnedMessage(InternetHeaders headers) {

    /** The returned message of a report, if it includes one. */
    static Optional<ReturnedMessage> of(Part report) throws MessagingException, IOException {
        for (Part part : MimeParts.all(report)) {
            if (part != report && part instanceof MimeMessage attached) {
                return Optional.of(new ReturnedMessage(headersOf(attached)));
            }
            if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822-headers")) {
                return Optional.of(new ReturnedMessage(new InternetHeaders(new ByteArrayInputStream(
                        (MimeParts.text(part).strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)))));
            }
        }
        return Optional.empty();
    }

    /** Message-ID lines quoted in plain text, as non-standard bounces quote the returned message. */
    static List<String> quotedInText(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String stripped = line.strip();
            if (stripped.regionMatches(true, 0, "Message-ID:", 0, "Message-ID:".length())) {
                lines.add(stripped);
            }
        }
        return QuotedMessageIds.in(lines);
    }

    List<String> messageIds() {
        return QuotedMessageIds.in(List.of(value("Message-ID")));
    }

    /** The returned message's first To address, or null. */
    String to() {
        String to = value("To");
        return to.isBlank() ? null : Addresses.first(to);
    }

    private String value(String name) {
        String value = headers.getHeader(name, ",");
        return value == null ? "" : value;
    }

    private static InternetHeaders headersOf(MimeMessage message) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            headers.addHeader(header.getName(), header.getValue());
        }
        return headers;
    }
}
