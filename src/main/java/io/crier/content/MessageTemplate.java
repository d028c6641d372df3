package io.crier.content;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.angus.mail.util.QPEncoderStream;

import io.crier.shared.MailRuntime;

/**
 * A campaign's message compiled once: the placeholders parsed, the headers that are the same for
 * every recipient encoded, the MIME skeleton fixed. {@link #render} then writes one recipient's
 * message straight to bytes, which the SMTP client only streams: far faster than building a
 * MimeMessage per recipient (shared/reference/stack-notes.md, section 2).
 */
public final class MessageTemplate {

    static {
        MailRuntime.configure();
    }

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final Placeholders subject;
    private final Placeholders html;
    private final Placeholders text;
    private final byte[] commonHeaders;
    private final String boundary;

    private MessageTemplate(Placeholders subject, Placeholders html, Placeholders text, byte[] commonHeaders,
            String boundary) {
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.commonHeaders = commonHeaders;
        this.boundary = boundary;
    }

    /** Throws {@link TemplateProblem} naming the part whose placeholders do not parse. */
    public static MessageTemplate compile(MessageContent content) {
        Placeholders subject = Placeholders.text("subject", nonNull(content.subject()));
        Placeholders html = content.html() == null ? null : Placeholders.html("html", content.html());
        Placeholders text = content.text() == null ? null : Placeholders.text("text", content.text());
        String boundary = "=_crier_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder headers = new StringBuilder(256);
        header(headers, "From", address(content.fromEmail(), content.fromName()));
        if (content.replyTo() != null) {
            header(headers, "Reply-To", address(content.replyTo(), null));
        }
        header(headers, "MIME-Version", "1.0");
        if (html != null && text != null) {
            header(headers, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        }
        return new MessageTemplate(subject, html, text, headers.toString().getBytes(StandardCharsets.US_ASCII),
                boundary);
    }

    /** One recipient's complete message, CRLF line ends, ready for DATA. */
    public byte[] render(Recipient recipient, String messageId, Instant date) {
        Map<String, Object> values = Placeholders.values(recipient);
        MessageBuffer out = new MessageBuffer(8192);
        StringBuilder headers = new StringBuilder(512);
        header(headers, "Date", RFC_5322_DATE.format(date));
        header(headers, "Message-ID", messageId);
        header(headers, "To", address(recipient.email(), displayName(recipient)));
        header(headers, "Subject", encodeText(subject.render(values)));
        out.append(headers.toString().getBytes(StandardCharsets.US_ASCII));
        out.append(commonHeaders);
        if (html != null && text != null) {
            out.append(crlf(""));
            writeBoundary(out, false);
            writePart(out, "text/plain", text.render(values));
            writeBoundary(out, false);
            writePart(out, "text/html", html.render(values));
            writeBoundary(out, true);
        } else if (html != null) {
            writePart(out, "text/html", html.render(values));
        } else {
            writePart(out, "text/plain", text == null ? "" : text.render(values));
        }
        return out.toByteArray();
    }

    private void writeBoundary(MessageBuffer out, boolean last) {
        out.append(crlf("--" + boundary + (last ? "--" : "")));
    }

    private static void writePart(MessageBuffer out, String mimeType, String body) {
        out.append(crlf("Content-Type: " + mimeType + "; charset=UTF-8"));
        out.append(crlf("Content-Transfer-Encoding: quoted-printable"));
        out.append(crlf(""));
        try (OutputStream qp = new QPEncoderStream(out)) {
            qp.write(withCrlf(body).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.append(crlf(""));
    }

    private static String displayName(Recipient recipient) {
        if (recipient.name() != null && !recipient.name().isBlank()) {
            return recipient.name();
        }
        String name = (nonNull(recipient.firstName()) + " " + nonNull(recipient.lastName())).trim();
        return name.isEmpty() ? null : name;
    }

    private static String address(String email, String name) {
        try {
            return name == null || name.isBlank() ? email : new InternetAddress(email, name, "UTF-8").toString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** RFC 2047 encoded words for anything beyond printable ASCII; folded to keep lines short. */
    private static String encodeText(String value) {
        String singleLine = value.replaceAll("[\\r\\n]+", " ");
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(singleLine, "UTF-8", null));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static void header(StringBuilder headers, String name, String value) {
        headers.append(name).append(": ").append(value).append("\r\n");
    }

    private static byte[] crlf(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Quoted-printable keeps CRLF as line breaks only when the text has them as CRLF. */
    private static String withCrlf(String body) {
        return body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
