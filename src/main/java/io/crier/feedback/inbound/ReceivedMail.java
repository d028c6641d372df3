package io.crier.feedback.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.audience.EmailAddresses;
import io.crier.content.Threading;
import io.crier.delivery.TransactionalMail;
import io.crier.feedback.inbound.InboundFolder.Filter;
import io.crier.feedback.inbound.InboundFolder.Stored;
import io.crier.feedback.inbound.InboundMessageView.Address;
import io.crier.feedback.inbound.InboundMessageView.AttachmentDownload;
import io.crier.feedback.inbound.InboundMessageView.Detail;
import io.crier.feedback.inbound.InboundMessageView.Summary;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The inbound messages a workspace's API sees ({@link InboundFolder} says which): listed, read with
 * their attachments, answered through transactional mail, and, when parked, queued again.
 */
@Service
class ReceivedMail {

    /** The longest name and subject a send body takes (MailRequests). */
    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 998;

    private final InboundFolder folder;
    private final AttachmentLinks links;
    private final TransactionalMail mail;
    private final Clock clock;

    ReceivedMail(InboundFolder folder, AttachmentLinks links, TransactionalMail mail, Clock clock) {
        this.folder = folder;
        this.links = links;
        this.mail = mail;
        this.clock = clock;
    }

    Map<String, Object> page(UUID workspaceId, Filter filter, PageQuery query) {
        List<Summary> items = folder.page(workspaceId, filter, query.offset(), query.limit()).stream()
                .map(InboundMessageView::summary).toList();
        return query.result("items", items, folder.count(workspaceId, filter));
    }

    Detail get(UUID workspaceId, String id) {
        Stored message = find(workspaceId, id);
        return InboundMessageView.detail(message.row(), InboundContent.of(message.raw()));
    }

    /**
     * A download link for one attachment, named by its index or its {@code attachmentId}; the link
     * is made from {@code base}, the URL the caller reached Crier at.
     */
    AttachmentDownload attachment(UUID workspaceId, String id, String ref, String base) {
        Stored message = find(workspaceId, id);
        InboundContent.Attachment attachment = index(ref).flatMap(InboundContent.of(message.raw())::attachment)
                .orElseThrow(() -> ApiException.notFound("ATTACHMENT", "Attachment"));
        return new AttachmentDownload(attachment.attachmentId(), attachment.filename(), attachment.contentType(),
                attachment.size(), base + AttachmentLinks.PATH + links.token(message.row().id(), attachment.index()),
                AttachmentLinks.LIFETIME.toSeconds());
    }

    /**
     * Answers the message with {@code body} (AutoSend's reply options: {@code from}, {@code subject},
     * {@code html}, {@code text}, ...), sent as {@code POST /v1/mails/send} sends: to the message's
     * Reply-To, else its From; the subject "Re: " and the original's unless given; In-Reply-To and
     * References set from the original.
     */
    TransactionalMail.Sent reply(UUID workspaceId, String id, JsonNode body) {
        Stored message = find(workspaceId, id);
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        if (body.has("to")) {
            throw ApiException.invalid("to", "cannot be set: a reply goes to the sender of the message answered");
        }
        InboundContent content = InboundContent.of(message.raw());
        Map<String, String> headers = content.headers();
        Address sender = replyAddress(headers).orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                "NO_REPLY_ADDRESS", "The message names no sender address to reply to"));
        ObjectNode send = ((ObjectNode) body).deepCopy();
        ObjectNode to = send.putObject("to").put("email", sender.email());
        if (sender.name() != null && !sender.name().isBlank()) {
            to.put("name", oneLine(sender.name(), MAX_NAME));
        }
        if (!send.hasNonNull("subject")) {
            send.put("subject", replySubject(message.row().subject()));
        }
        return mail.send(workspaceId, send, Threading.replyTo(message.row().messageId(), headers.get("References")));
    }

    /**
     * Queues a parked message again; a message queued already is left as it is. Answers the
     * message as it is now; 422 for a processed one.
     */
    Detail retry(UUID workspaceId, String id) {
        Stored message = find(workspaceId, id);
        boolean requeued = folder.requeue(workspaceId, message.row().id(), Timestamps.now(clock));
        Stored now = requeued ? find(workspaceId, id) : message;
        if (now.row().state().equals(InboundMessages.PROCESSED)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCodes.INVALID_STATE_TRANSITION,
                    "Only a parked message can be retried; this one was processed");
        }
        return InboundMessageView.detail(now.row(), InboundContent.of(now.raw()));
    }

    private Stored find(UUID workspaceId, String id) {
        return parseId(id).flatMap(row -> folder.find(workspaceId, row))
                .orElseThrow(() -> ApiException.notFound("INBOUND_MESSAGE", "Inbound message"));
    }

    /** Reply-To's first address, else From's, if it is one Crier can send to. */
    private static Optional<Address> replyAddress(Map<String, String> headers) {
        for (String field : List.of("Reply-To", "From")) {
            List<Address> addresses = InboundMessageView.addresses(headers.get(field));
            if (!addresses.isEmpty()) {
                Address first = addresses.getFirst();
                return EmailAddresses.normalize(first.email()).map(email -> new Address(email, first.name()));
            }
        }
        return Optional.empty();
    }

    private static String replySubject(String subject) {
        String original = subject == null ? "" : oneLine(subject, MAX_SUBJECT);
        return oneLine(original.regionMatches(true, 0, "Re:", 0, 3) ? original : "Re: " + original, MAX_SUBJECT);
    }

    /** Hostile header text made fit for a send body's field: one line, within its length. */
    private static String oneLine(String text, int max) {
        String line = text.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max);
    }

    private static Optional<Long> parseId(String id) {
        try {
            long value = Long.parseLong(id);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }

    /** An attachment's index: {@code 2} or {@code att_2}. */
    private static Optional<Integer> index(String ref) {
        String digits = ref.startsWith("att_") ? ref.substring(4) : ref;
        try {
            int index = Integer.parseInt(digits);
            return index >= 0 ? Optional.of(index) : Optional.empty();
        } catch (NumberFormatException notAnIndex) {
            return Optional.empty();
        }
    }
}
