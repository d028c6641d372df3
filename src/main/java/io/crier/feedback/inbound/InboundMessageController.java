package io.crier.feedback.inbound;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.crier.access.ApiPrincipal;
import io.crier.delivery.TransactionalMail;
import io.crier.feedback.inbound.InboundFolder.Filter;
import io.crier.feedback.inbound.InboundMessageView.AttachmentDownload;
import io.crier.feedback.inbound.InboundMessageView.Detail;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's inbound messages ({@code inboundEmails.*} of its Node SDK): mail the inbound listener
 * or a polled mailbox received for the workspace that is no feedback report (replies, and every
 * message still queued or parked), read with its attachments and answered; and, Crier's own,
 * {@code POST …/{id}/retry} to queue a parked one again. Read scope for reading, write for retry,
 * send for reply (it sends mail, as {@code /v1/mails/send} does).
 */
@Tag(name = "Inbound messages", description = "Replies and other mail received for the workspace (AutoSend's "
        + "inboundEmails), and the parked mail an operator can retry")
@RestController
@RequestMapping("/v1/inbound/messages")
class InboundMessageController {

    private final ReceivedMail received;

    InboundMessageController(ReceivedMail received) {
        this.received = received;
    }

    /** AutoSend's reply answer. */
    record Replied(UUID emailId, String status, int totalRecipients, String message) {
    }

    @Operation(summary = "List inbound messages", description = "Newest first. Filters: `status` (PROCESSED, "
            + "PROCESSING, FAILED, or Crier's processed, queued, parked), `from` (the sender's address), `to` (part of "
            + "a recipient), `threadId`, `search` (part of the subject or sender), `dateFrom` and `dateTo` (an "
            + "instant or a date, inclusive); `page` and `limit` as in every listing.")
    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String threadId,
            @RequestParam(required = false) String search, @RequestParam(required = false) String dateFrom,
            @RequestParam(required = false) String dateTo, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        Filter filter = new Filter(state(status), blankAsNull(from), blankAsNull(to), blankAsNull(threadId),
                blankAsNull(search), date("dateFrom", dateFrom, false), date("dateTo", dateTo, true));
        return ApiResponse.of(received.page(caller.workspaceId(), filter, new PageQuery(page, limit)));
    }

    @Operation(summary = "Get an inbound message", description = "With its header fields, text, HTML (cleaned of "
            + "scripts, styles and event handlers) and attachments' metadata.")
    @GetMapping("/{id}")
    ApiResponse<Detail> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(received.get(caller.workspaceId(), id));
    }

    @Operation(summary = "Get an attachment's download link", description = "`ref` is the attachment's index or "
            + "its attachmentId. The link works without an API key for `expiresIn` seconds.")
    @GetMapping("/{id}/attachments/{ref}")
    ApiResponse<AttachmentDownload> attachment(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @PathVariable String ref) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return ApiResponse.of(received.attachment(caller.workspaceId(), id, ref, base));
    }

    @Operation(summary = "Reply to an inbound message", description = "The body of POST /v1/mails/send without "
            + "`to`: the reply goes to the message's Reply-To (else From), from the workspace's default sender unless "
            + "`from` is given, with subject \"Re: …\" unless given, In-Reply-To and References set. Send scope.")
    @PostMapping("/{id}/reply")
    ResponseEntity<ApiResponse<Replied>> reply(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        TransactionalMail.Sent sent = received.reply(caller.workspaceId(), id, body);
        return ResponseEntity.created(URI.create("/v1/mails/" + sent.emailId())).body(ApiResponse.of(
                new Replied(sent.emailId(), sent.status(), sent.recipients(), "Reply queued successfully")));
    }

    @Operation(summary = "Retry a parked inbound message", description = "Queues a parked (FAILED) message again; "
            + "a message queued already is left as it is. 422 for a processed one.")
    @PostMapping("/{id}/retry")
    ApiResponse<Detail> retry(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(received.retry(caller.workspaceId(), id), "Queued for another try");
    }

    private static String state(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status.strip().toUpperCase(Locale.ROOT)) {
            case "PROCESSED" -> InboundMessages.PROCESSED;
            case "PROCESSING", "QUEUED" -> InboundMessages.QUEUED;
            case "FAILED", "PARKED" -> InboundMessages.PARKED;
            default -> throw ApiException.invalid("status",
                    "must be one of PROCESSED, PROCESSING, FAILED (or processed, queued, parked)");
        };
    }

    /** An ISO instant, or a date: its first moment ({@code dateFrom}) or its last ({@code dateTo}), in UTC. */
    private static Instant date(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = value.contains("T") ? Instant.parse(value.strip())
                    : LocalDate.parse(value.strip()).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC)
                            .toInstant().minusMillis(endOfDay ? 1 : 0);
            if (Timestamps.takes(instant)) {
                return instant;
            }
        } catch (DateTimeParseException unreadable) {
            // answered below
        }
        throw ApiException.invalid(field, "must be an ISO 8601 instant (2026-01-31T09:00:00Z) or date (2026-01-31)");
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
