package io.crier.delivery.mail;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.crier.delivery.DeliveryStatus;
import io.crier.delivery.mail.TransactionalMails.Batch;
import io.crier.delivery.mail.TransactionalMails.Queued;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's transactional mail: {@code POST /v1/mails/send} (one message; {@code to} may also
 * list several addresses, each getting a copy of its own), {@code POST /v1/mails/bulk} (one body,
 * up to 100 recipients with their own {@code dynamicData}), {@code GET /v1/mails/{id}}, the listing
 * {@code GET /v1/mails} and {@code POST /v1/mails/{id}/cancel}.
 */
@Tag(name = "Mail", description = "Transactional mail, sent through the same engine as campaigns")
@RestController
@RequestMapping("/v1/mails")
class TransactionalMailController {

    private final MailRequestReader reader;
    private final TransactionalMails mails;

    TransactionalMailController(MailRequestReader reader, TransactionalMails mails) {
        this.reader = reader;
        this.mails = mails;
    }

    /**
     * AutoSend's answer {@code {emailId, status}}, with the call's {@code batchId}; {@code emails}
     * only when {@code to} listed several addresses.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sent(UUID emailId, String status, UUID batchId, List<Queued> emails) {
    }

    /** AutoSend's bulk answer, with the suppressed count and each recipient's message id and status. */
    record BulkSent(UUID batchId, int totalRecipients, long successCount, long failedCount,
            long suppressedCount, List<Queued> emails) {
    }

    @PostMapping("/send")
    ResponseEntity<ApiResponse<Sent>> send(@AuthenticationPrincipal ApiPrincipal caller, @RequestBody JsonNode body) {
        Batch batch = mails.send(caller.workspaceId(), reader.send(body));
        Queued first = batch.emails().getFirst();
        Sent sent = new Sent(first.emailId(), first.status(), batch.batchId(),
                batch.emails().size() > 1 ? batch.emails() : null);
        return ResponseEntity.created(URI.create("/v1/mails/" + first.emailId()))
                .body(ApiResponse.of(sent, "Email queued successfully"));
    }

    @PostMapping("/bulk")
    ResponseEntity<ApiResponse<BulkSent>> bulk(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody JsonNode body) {
        Batch batch = mails.send(caller.workspaceId(), reader.bulk(body));
        long suppressed = batch.count(DeliveryStatus.SUPPRESSED);
        BulkSent sent = new BulkSent(batch.batchId(), batch.emails().size(), batch.count(DeliveryStatus.QUEUED),
                suppressed, suppressed, batch.emails());
        return ResponseEntity.status(HttpStatus.OK).body(ApiResponse.of(sent, "Emails queued successfully"));
    }

    /** Cancels a message that has not left yet (a scheduled one, say); 422 once it is being sent or was sent. */
    @PostMapping("/{id}/cancel")
    ApiResponse<MailView> cancel(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(mails.cancel(caller.workspaceId(), id), "Email cancelled");
    }

    /**
     * The workspace's messages, newest first; {@code category} and {@code campaignName} keep those
     * of calls that gave them.
     */
    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String category, @RequestParam(required = false) String campaignName,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(mails.page(caller.workspaceId(), category, campaignName, new PageQuery(page, limit)));
    }

    @GetMapping("/{id}")
    ApiResponse<MailView> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(mails.get(caller.workspaceId(), id));
    }
}
