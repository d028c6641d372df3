package io.crier.feedback.mailbox;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;
import io.crier.shared.PatchReader;

import tools.jackson.databind.JsonNode;

/** {@code /v1/mailboxes}: IMAP and POP3 mailboxes Crier polls for bounces and replies. Admin scope throughout. */
@Tag(name = "Mailboxes", description = "IMAP and POP3 mailboxes polled for bounces and replies; passwords are "
        + "sealed at rest and never shown")
@RestController
@RequestMapping("/v1/mailboxes")
class MailboxController {

    private final Mailboxes mailboxes;
    private final PatchReader bodies;

    MailboxController(Mailboxes mailboxes, PatchReader bodies) {
        this.mailboxes = mailboxes;
        this.bodies = bodies;
    }

    @PostMapping
    ResponseEntity<ApiResponse<Mailbox>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody JsonNode body) {
        Mailbox created = mailboxes.create(caller.workspaceId(), bodies.read(body, MailboxRequest.class));
        return ResponseEntity.created(URI.create("/v1/mailboxes/" + created.id()))
                .body(ApiResponse.of(created, "Mailbox added; it is polled from now on"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(mailboxes.page(caller.workspaceId(), new PageQuery(page, limit)));
    }

    @GetMapping("/{id}")
    ApiResponse<Mailbox> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(mailboxes.get(caller.workspaceId(), id));
    }

    @PatchMapping("/{id}")
    ApiResponse<Mailbox> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return ApiResponse.of(mailboxes.update(caller.workspaceId(), id, bodies.read(body, MailboxRequest.class)),
                "Mailbox updated; it is polled again at once");
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        mailboxes.delete(caller.workspaceId(), id);
        return ApiResponse.message("Mailbox deleted; it is not polled any more");
    }

    @Operation(summary = "Connect and log in now", description = "Answers {ok: true}, or {ok: false, reason}")
    @PostMapping("/{id}/test")
    ApiResponse<Map<String, Object>> test(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(mailboxes.test(caller.workspaceId(), id));
    }
}
