package io.crier.feedback.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.crier.feedback.inbound.InboundFolder.Row;

/**
 * An inbound message in AutoSend's shape ({@code InboundMessage} of its Node SDK), with Crier's own
 * fields after AutoSend's: {@code state} (queued, processed, parked), {@code kind} (what the
 * worker made of it), {@code reason} (why it was parked, or ignored), {@code attempts} and
 * {@code updatedAt}. Crier does not judge inbound mail for spam, viruses, SPF, DKIM or DMARC: those
 * verdicts are null.
 */
final class InboundMessageView {

    /** The most addresses one header field shows. */
    static final int MAX_ADDRESSES = 100;

    private InboundMessageView() {
    }

    /** AutoSend's {@code InboundEmailAddress}. */
    record Address(String email, String name) {
    }

    /** AutoSend's {@code InboundMessageSummary}, as the listing shows each message. */
    record Summary(String id, String messageId, String domainName, Address from, List<Address> to, List<Address> cc,
            String subject, String status, int attachmentCount, Instant receivedAt, String state, String kind,
            String reason, int attempts, Instant updatedAt) {
    }

    /** AutoSend's {@code InboundMessage}. */
    record Detail(String id, String messageId, String domainName, Address from, List<Address> to, List<Address> cc,
            List<Address> bcc, List<Address> replyTo, String subject, String text, String html,
            List<AttachmentMeta> attachments, Map<String, String> headers, String spamVerdict, String virusVerdict,
            String spfVerdict, String dkimVerdict, String dmarcVerdict, String status, String threadId,
            String inReplyTo, String inReplyToEmailActivityId, String inReplyToInboundEmailId, Instant receivedAt,
            String state, String kind, String reason, int attempts, Instant updatedAt) {
    }

    /** AutoSend's {@code InboundAttachmentMeta}. */
    record AttachmentMeta(String attachmentId, String filename, String contentType, long size, int index) {

        static AttachmentMeta of(InboundContent.Attachment attachment) {
            return new AttachmentMeta(attachment.attachmentId(), attachment.filename(), attachment.contentType(),
                    attachment.size(), attachment.index());
        }
    }

    /** AutoSend's {@code InboundAttachmentDownload}: {@code expiresIn} is in seconds. */
    record AttachmentDownload(String attachmentId, String filename, String contentType, long size, String downloadUrl,
            long expiresIn) {
    }

    static Summary summary(Row row) {
        return new Summary(String.valueOf(row.id()), row.messageId(), domainName(row), first(row.headerFrom()),
                addresses(row.headerTo()), addresses(row.headerCc()), row.subject(), status(row.state()),
                row.attachmentCount() == null ? 0 : row.attachmentCount(), row.receivedAt(), row.state(), row.kind(),
                row.reason(), row.attempts(), row.updatedAt());
    }

    static Detail detail(Row row, InboundContent content) {
        Map<String, String> headers = content.headers();
        String replyTo = headers.get("Reply-To");
        String inReplyTo = headers.get("In-Reply-To");
        return new Detail(String.valueOf(row.id()), row.messageId(), domainName(row), first(row.headerFrom()),
                addresses(row.headerTo()), addresses(row.headerCc()), List.of(), addresses(replyTo), row.subject(),
                content.text(), content.html(), content.attachments().stream().map(AttachmentMeta::of).toList(),
                headers, null, null, null, null, null, status(row.state()), row.threadId(),
                inReplyTo == null ? null : inReplyTo.strip(), null, null, row.receivedAt(), row.state(), row.kind(),
                row.reason(), row.attempts(), row.updatedAt());
    }

    /** AutoSend's status of a queue state: queued is PROCESSING, processed PROCESSED, parked FAILED. */
    static String status(String state) {
        return switch (state) {
            case InboundMessages.QUEUED -> "PROCESSING";
            case InboundMessages.PROCESSED -> "PROCESSED";
            default -> "FAILED";
        };
    }

    /** The domain the message was sent to: its first envelope recipient's. */
    private static String domainName(Row row) {
        return row.envelopeRecipients().stream().findFirst().filter(address -> address.contains("@"))
                .map(address -> address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    private static Address first(String header) {
        List<Address> all = addresses(header);
        return all.isEmpty() ? null : all.getFirst();
    }

    /** The addresses of a header field, read leniently; an unreadable field shows none. */
    static List<Address> addresses(String header) {
        List<Address> addresses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return addresses;
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
                if (addresses.size() >= MAX_ADDRESSES) {
                    break;
                }
                if (address.getAddress() != null && !address.getAddress().isBlank()) {
                    addresses.add(new Address(address.getAddress(), address.getPersonal()));
                }
            }
        } catch (AddressException unreadable) {
            return List.of();
        }
        return addresses;
    }
}
