package io.crier.feedback.inbound;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;

/**
 * RFC 5965 abuse reports (the feedback loops of mailbox providers): a multipart/report of
 * report-type feedback-report whose second part is message/feedback-report. Its Feedback-Type
 * (abuse, fraud, virus...) is kept; the recipient is Original-Rcpt-To, else the returned message's To.
 */
final class ComplaintReports {

    private ComplaintReports() {
    }

    static Optional<Part> reportPart(MimeMessage message) throws MessagingException, IOException {
        return MimeParts.first(message, "message/feedback-report");
    }

    static ParsedMail read(MimeMessage message, Part reportPart, String envelopeRecipient)
            throws MessagingException, IOException {
        List<InternetHeaders> fields = MimeParts.fieldGroups(reportPart);
        String feedbackType = MimeParts.field(fields, "Feedback-Type").orElse("abuse").toLowerCase(Locale.ROOT);
        Optional<ReturnedMessage> returned = ReturnedMessage.of(message);
        String recipient = MimeParts.field(fields, "Original-Rcpt-To").map(Addresses::first)
                .orElseGet(() -> returned.map(ReturnedMessage::to).orElse(null));
        Trace trace = new Trace(envelopeRecipient, returned.map(ReturnedMessage::messageIds).orElse(List.of()),
                recipient, null);
        return new ParsedMail.Heard(new Feedback.Complaint(trace, feedbackType));
    }
}
