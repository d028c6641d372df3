package io.crier.feedback.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import io.crier.delivery.DeliveryReferences;
import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.DeliveryReferences.Reference;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;

/**
 * Turns one raw inbound message into what it says, in this order: mail to a mailto unsubscribe
 * address; an RFC 3464 delivery status notification; an RFC 5965 complaint report; another report
 * (a read receipt: ignored); a non-standard bounce; an auto-reply (ignored: bounces are
 * auto-submitted too, so it is asked after them); a reply (sent to a reply
 * address, or quoting one of Crier's Message-IDs). Anything else is unreadable, and parked.
 * Parsing is Jakarta Mail's; nothing here trusts what the message says about whom it is for: the
 * intake matches the {@link Trace} against signed references.
 */
@Component
class InboundParser {

    private static final Session PARSING = Session.getInstance(new Properties());

    private final DeliveryReferences references;

    InboundParser(DeliveryReferences references) {
        this.references = references;
    }

    ParsedMail parse(byte[] raw, List<String> envelopeRecipients) {
        try {
            MimeMessage message = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
            return parse(message, envelopeRecipients);
        } catch (MessagingException | IOException unreadable) {
            return new ParsedMail.Unreadable("unreadable MIME: " + unreadable.getMessage());
        }
    }

    private ParsedMail parse(MimeMessage message, List<String> envelopeRecipients)
            throws MessagingException, IOException {
        String envelopeRecipient = envelopeRecipient(envelopeRecipients);
        Optional<Kind> addressedTo = references.read(envelopeRecipient).map(Reference::kind);
        if (addressedTo.equals(Optional.of(Kind.UNSUBSCRIBE))) {
            return new ParsedMail.Heard(new Feedback.Unsubscribe(new Trace(envelopeRecipient, List.of(),
                    Addresses.first(message.getHeader("From", ",")), null)));
        }
        Optional<Part> status = DeliveryStatusReports.statusPart(message);
        if (status.isPresent()) {
            return DeliveryStatusReports.read(message, status.get(), envelopeRecipient);
        }
        Optional<Part> complaint = ComplaintReports.reportPart(message);
        if (complaint.isPresent()) {
            return ComplaintReports.read(message, complaint.get(), envelopeRecipient);
        }
        if (message.isMimeType("multipart/report")) {
            return new ParsedMail.Ignored("report", "a report of type \""
                    + MimeParts.contentTypeParameter(message, "report-type") + "\", which needs nothing done");
        }
        if (NonStandardBounces.looksLikeOne(message)) {
            return NonStandardBounces.read(message, envelopeRecipient);
        }
        if (AutoReplies.is(message)) {
            return new ParsedMail.Ignored("auto-reply", "an auto-reply: neither a bounce nor a reply");
        }
        List<String> quoted = QuotedMessageIds.in(headers(message, "In-Reply-To", "References"));
        boolean quotesCrier = quoted.stream().anyMatch(id -> references.read(id).isPresent());
        if (addressedTo.equals(Optional.of(Kind.REPLY)) || quotesCrier) {
            String from = Addresses.first(message.getHeader("From", ","));
            String text = ReplyText.of(MimeParts.bodyText(message).orElse(""));
            return new ParsedMail.Heard(new Feedback.Reply(new Trace(envelopeRecipient, quoted, from, null), from,
                    message.getSubject(), text));
        }
        return new ParsedMail.Unreadable("neither a bounce, a complaint, an unsubscribe nor a reply to Crier's mail");
    }

    /** The envelope recipient carrying one of Crier's references, else the first one. */
    private String envelopeRecipient(List<String> recipients) {
        return recipients.stream().filter(recipient -> references.read(recipient).isPresent()).findFirst()
                .or(() -> recipients.stream().findFirst())
                .map(Addresses::normalize).orElse(null);
    }

    private static List<String> headers(MimeMessage message, String... names) throws MessagingException {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            String[] found = message.getHeader(name);
            if (found != null) {
                values.addAll(List.of(found));
            }
        }
        return values;
    }
}
