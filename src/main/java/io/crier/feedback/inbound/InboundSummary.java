package io.crier.feedback.inbound;

import java.io.IOException;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import io.crier.feedback.StoredText;

/**
 * What the inbound messages listing shows and filters on, read once when a message is queued:
 * its sender, recipients, subject, thread and how many attachments it has. Hostile input: every
 * field is cut to its column, and a message Jakarta Mail cannot read gets an empty summary
 * rather than being refused (it is parked later, with the reason).
 *
 * @param fromAddress the sender's address, lowercased (the {@code from} filter)
 * @param threadId    the first Message-ID of its References, else the one it answers, else its own
 */
record InboundSummary(String fromAddress, String headerFrom, String headerTo, String headerCc, String subject,
        String threadId, Integer attachmentCount) {

    static final InboundSummary NONE = new InboundSummary(null, null, null, null, null, null, null);

    static InboundSummary of(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(MimeParts.PARSING, new SharedByteArrayInputStream(raw));
            String from = message.getHeader("From", ",");
            String fromAddress = Addresses.first(from);
            return new InboundSummary(fromAddress == null || fromAddress.length() > 320 ? null : fromAddress,
                    header(message, "From", 1000), header(message, "To", 4000), header(message, "Cc", 4000),
                    StoredText.of(decoded(message.getHeader("Subject", null)), 998), threadId(message),
                    attachments(message));
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            return NONE;
        }
    }

    /** Parts that are files: a disposition of attachment, or a file name, and no multipart. */
    static boolean isAttachment(Part part) throws MessagingException {
        return !part.isMimeType("multipart/*") && (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || part.getFileName() != null);
    }

    private static int attachments(MimeMessage message) throws MessagingException, IOException {
        int count = 0;
        for (Part part : MimeParts.all(message)) {
            if (part != message && isAttachment(part)) {
                count++;
            }
        }
        return count;
    }

    private static String threadId(MimeMessage message) throws MessagingException {
        List<String> references = QuotedMessageIds.in(List.of(nonNull(message.getHeader("References", " "))));
        if (!references.isEmpty()) {
            return StoredText.of(references.getFirst(), 998);
        }
        List<String> answered = QuotedMessageIds.in(List.of(nonNull(message.getHeader("In-Reply-To", " "))));
        String own = answered.isEmpty() ? message.getHeader("Message-ID", null) : answered.getFirst();
        return own == null ? null : StoredText.of(own.strip(), 998);
    }

    private static String header(MimeMessage message, String name, int max) throws MessagingException {
        return StoredText.of(message.getHeader(name, ","), max);
    }

    private static String decoded(String value) {
        try {
            return value == null ? null : MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (java.io.UnsupportedEncodingException unknownCharset) {
            return value;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
