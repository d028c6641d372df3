package io.crier.audience;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

import tools.jackson.databind.JsonNode;

/**
 * Contacts one at a time, in AutoSend's shapes. Bodies are read as JSON trees because a partial
 * update must tell a field that is absent (keep it) from one that is null (clear it).
 */
@Tag(name = "Contacts", description = "Contacts one at a time, and bulk imports")
@RestController
@RequestMapping("/v1/contacts")
class ContactController {

    private final ContactService contacts;
    private final ContactErasure erasure;

    ContactController(ContactService contacts, ContactErasure erasure) {
        this.contacts = contacts;
        this.erasure = erasure;
    }

    @PostMapping
    ResponseEntity<ApiResponse<Contact>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = ContactRequest.class)))
            @RequestBody JsonNode body) {
        Contact contact = contacts.create(caller.workspaceId(), body);
        return ResponseEntity.created(location(contact)).body(ApiResponse.of(contact, "Contact created successfully"));
    }

    /** Creates (201) or updates (200) the contact with the body's email. */
    @PostMapping("/email")
    ResponseEntity<ApiResponse<Contact>> upsertByEmail(@AuthenticationPrincipal ApiPrincipal caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = ContactRequest.class)))
            @RequestBody JsonNode body) {
        ContactService.Saved saved = contacts.upsertByEmail(caller.workspaceId(), body);
        if (saved.created()) {
            return ResponseEntity.created(location(saved.contact()))
                    .body(ApiResponse.of(saved.contact(), "Contact created successfully"));
        }
        return ResponseEntity.ok(ApiResponse.of(saved.contact(), "Contact updated successfully"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) String listId,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String search) {
        return ApiResponse.of(contacts.list(caller.workspaceId(), listId, email, search, new PageQuery(page, limit)));
    }

    @GetMapping("/{id}")
    ApiResponse<Contact> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(contacts.get(caller.workspaceId(), id));
    }

    /** What the contact agreed to on signup forms: when, where, from which address, the text shown. */
    @GetMapping("/{id}/consents")
    ApiResponse<List<ConsentRecord>> consents(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(contacts.consents(caller.workspaceId(), id));
    }

    /** PATCH and PUT alike: only the fields given change. */
    @RequestMapping(path = "/{id}", method = {RequestMethod.PATCH, RequestMethod.PUT})
    ApiResponse<Contact> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = ContactRequest.class)))
            @RequestBody JsonNode body) {
        return ApiResponse.of(contacts.update(caller.workspaceId(), id, body), "Contact updated successfully");
    }

    /** Everything Crier holds about the contact's address, across modules (GDPR access). */
    @GetMapping("/{id}/export")
    ApiResponse<Map<String, Object>> export(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(erasure.export(caller.workspaceId(), id));
    }

    /**
     * Deletes the contact; with {@code erase=true}, everything Crier holds about its address too
     * (GDPR erasure), keeping only a keyed hash of it on the suppression list.
     */
    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean erase) {
        if (erase) {
            erasure.erase(caller.workspaceId(), id);
            return ApiResponse.message("Contact erased successfully");
        }
        contacts.delete(caller.workspaceId(), id);
        return ApiResponse.message("Contact deleted successfully");
    }

    /** The ids of the contacts removed. */
    record Removed(List<UUID> removedIds) {
    }

    @Operation(summary = "AutoSend's remove by address: deletes the contacts with these emails")
    @PostMapping("/remove")
    ApiResponse<Removed> removeByEmails(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody EmailList body) {
        return ApiResponse.of(new Removed(contacts.deleteByEmails(caller.workspaceId(), body.emails())),
                "Contacts removed successfully");
    }

    private static URI location(Contact contact) {
        return URI.create("/v1/contacts/" + contact.id());
    }
}
