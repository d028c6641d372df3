package io.crier.feedback.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;

/**
 * RFC 3464 delivery status notifications: a multipart/report whose second part is
 * message/delivery-status (or RFC 6533's message/global-delivery-status). The first recipient whose
 * Action is {@code failed} makes a bounce, hard for a 5.x.x Status and soft for 4.x.x;
 * {@code delayed}, {@code delivered}, {@code relayed} and {@code expanded} are no bounce.
 */
final class DeliveryStatusReports {

    private DeliveryStatusReports() {
    }

    /** The report's status part, when the message is a DSN. */
    static Optional<Part> statusPart(MimeMessage message) throws MessagingException, IOException {
        Optional<Part> part = MimeParts.first(message, "message/delivery-status");
        return part.isPresent() ? part : MimeParts.first(message, "message/global-delivery-status");
    }

    static ParsedMail read(MimeMessage message, Part statusPart, String envelopeRecipient)
            throws MessagingException, IOException {
        List<InternetHeaders> groups = MimeParts.fieldGroups(statusPart);
        List<InternetHeaders> recipients = groups.size() > 1 ? groups.subList(1, groups.size()) : groups;
        Optional<InternetHeaders> failed = recipients.stream()
                .filter(group -> action(group).equals("failed")).findFirst();
        if (failed.isEmpty()) {
            String actions = String.join(", ", recipients.stream().map(DeliveryStatusReports::action).toList());
            return new ParsedMail.Ignored("delivery-status", "a delivery status notification with no failed"
                    + " recipient (action: " + (actions.isBlank() ? "none" : actions) + ")");
        }
        InternetHeaders recipient = failed.get();
        String status = value(recipient, "Status");
        String diagnostic = value(recipient, "Diagnostic-Code");
        Optional<BounceType> type = BounceClass.of(status, diagnostic);
        if (type.isEmpty()) {
            return new ParsedMail.Unreadable("a failed delivery status with no status code: Status \"" + status + "\"");
        }
        Optional<ReturnedMessage> returned = ReturnedMessage.of(message);
        String finalRecipient = Addresses.first(value(recipient, "Final-Recipient"));
        String originalRecipient = Addresses.first(value(recipient, "Original-Recipient"));
        String addressed = originalRecipient != null ? originalRecipient
                : finalRecipient != null ? finalRecipient : returned.map(ReturnedMessage::to).orElse(null);
        List<String> messageIds = new ArrayList<>(returned.map(ReturnedMessage::messageIds).orElse(List.of()));
        Trace trace = new Trace(envelopeRecipient, messageIds, addressed, null);
        String code = BounceClass.status(status).orElse(status);
        return new ParsedMail.Heard(new Feedback.Bounce(trace, type.get(), code,
                diagnostic.isBlank() ? "status " + code : diagnostic.replaceAll("\\s+", " ")));
    }

    private static String action(InternetHeaders group) {
        return value(group, "Action").toLowerCase(Locale.ROOT);
    }

    private static String value(InternetHeaders group, String name) {
        String value = group.getHeader(name, null);
        return value == null ? "" : value.strip();
    }
}
