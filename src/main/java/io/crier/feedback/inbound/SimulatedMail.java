package io.crier.feedback.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * What a receiving mail system would send back about one captured message, composed with Jakarta
 * Mail as the real ones are: an RFC 3464 bounce (5.1.1), an RFC 5965 complaint report, an RFC 3834
 * out-of-office auto-reply, or a person's reply quoting it. Each carries the original's headers or
 * Message-ID, as the real ones do, so the inbound path traces it to its delivery.
 */
final class SimulatedMail {

    /** The most of the original's header a report returns: its references are near the top. */
    private static final int MAX_RETURNED_HEADER = 64 * 1024;
    private static final String REPORTER = "simulator.crier.test";
    private static final Session SESSION = Session.getInstance(new Properties());

    private final byte[] original;
    private final InternetHeaders headers;
    private final String recipient;

    SimulatedMail(byte[] original, String recipient) {
        this.original = original;
        this.recipient = recipient;
        try {
            this.headers = new InternetHeaders(new ByteArrayInputStream(returnedHeader()));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("The captured message has no readable header", e);
        }
    }

    /** A DSN saying the recipient does not exist, to the message's return path. */
    byte[] bounce(String returnPath) {
        String status = """
                Reporting-MTA: dns; %s

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: simulated bounce: no such user
                """.formatted(REPORTER, recipient, recipient);
        return report("delivery-status", "Undelivered Mail Returned to Sender", returnPath,
                "MAILER-DAEMON@" + REPORTER, "Your message could not be delivered to " + recipient
                        + ": the simulator bounces all mail to this address.",
                "message/delivery-status", status);
    }

    /** An ARF abuse report about the message, as a mailbox provider's feedback loop sends it. */
    byte[] complaint(String returnPath) {
        String report = """
                Feedback-Type: abuse
                User-Agent: Crier-simulator/1
                Version: 1
                Original-Rcpt-To: <%s>
                Reporting-MTA: dns; %s
                """.formatted(recipient, REPORTER);
        return report("feedback-report", "Complaint about message from " + returnPath, returnPath,
                "abuse@" + REPORTER, "This is an email abuse report: the recipient marked the message as spam.",
                "message/feedback-report", report);
    }

    /** An out-of-office reply (RFC 3834: to the return path, marked auto-replied). */
    byte[] outOfOffice(String returnPath) {
        return text(returnPath, "Automatic reply: " + subject(), "I am out of the office until next week.",
                "auto-replied");
    }

    /** A person's reply, quoting the message below their own words. */
    byte[] reply(String to) {
        String quoted = "Thanks, I would like to hear more.\r\n\r\nOn " + headerOr("Date", "an earlier day") + ", "
                + headerOr("From", "you") + " wrote:\r\n> " + subject() + "\r\n";
        return text(to, "Re: " + subject(), quoted, null);
    }

    private byte[] report(String reportType, String subject, String to, String from, String explanation,
            String reportPartType, String reportPart) {
        try {
            MimeMultipart parts = new MimeMultipart("report");
            MimeBodyPart human = new MimeBodyPart();
            human.setText(explanation, "utf-8");
            parts.addBodyPart(human);
            parts.addBodyPart(part(reportPart.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII), reportPartType));
            parts.addBodyPart(part(returnedHeader(), "text/rfc822-headers"));
            MimeMessage message = envelope(to, from, subject, "auto-replied");
            message.setContent(parts);
            message.saveChanges();
            message.setHeader("Content-Type", parts.getContentType() + "; report-type=" + reportType);
            return bytes(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] text(String to, String subject, String body, String autoSubmitted) {
        try {
            MimeMessage message = envelope(to, recipient, subject, autoSubmitted);
            String originalId = headers.getHeader("Message-ID", null);
            if (originalId != null) {
                message.setHeader("In-Reply-To", originalId.strip());
                message.setHeader("References", originalId.strip());
            }
            message.setText(body, "utf-8");
            message.saveChanges();
            return bytes(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MimeMessage envelope(String to, String from, String subject, String autoSubmitted)
            throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + REPORTER + ">");
            }
        };
        message.setHeader("From", from);
        message.setHeader("To", to);
        message.setSubject(subject, "utf-8");
        message.setSentDate(new Date());
        if (autoSubmitted != null) {
            message.setHeader("Auto-Submitted", autoSubmitted);
        }
        return message;
    }

    private static MimeBodyPart part(byte[] content, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setHeader("Content-Type", type);
        return part;
    }

    /** The original's header block, up to its blank line, bounded. */
    private byte[] returnedHeader() {
        String text = new String(original, 0, Math.min(original.length, MAX_RETURNED_HEADER), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end + 2)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private String subject() {
        String subject = headerOr("Subject", "your message");
        try {
            return MimeUtility.decodeText(subject);
        } catch (UnsupportedEncodingException unknownCharset) {
            return subject;
        }
    }

    private String headerOr(String name, String fallback) {
        String value = headers.getHeader(name, null);
        return value == null ? fallback : value.replaceAll("\\s+", " ").strip();
    }

    private static byte[] bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
