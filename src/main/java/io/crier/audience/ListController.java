package io.crier.audience;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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

/** Lists and their members. */
@Tag(name = "Lists", description = "Lists and their members")
@RestController
@RequestMapping("/v1/lists")
class ListController {

    private final ListService lists;
    private final ContactService contacts;

    ListController(ListService lists, ContactService contacts) {
        this.lists = lists;
        this.contacts = contacts;
    }

    /** A list update's body as the OpenAPI document shows it: {@link ListService#update} reads it. */
    @Schema(description = "Only the fields given change; the name cannot be cleared")
    record ListChanges(@Schema(maxLength = ListService.MAX_NAME_LENGTH) String name,
            @Schema(maxLength = ListService.MAX_DESCRIPTION_LENGTH) String description,
            Boolean publicForm, Boolean doubleOptIn, String consentText) {
    }

    /** {@code {name, description, publicForm, doubleOptIn, consentText}}: only the name is required. */
    @PostMapping
    ResponseEntity<ApiResponse<ContactList>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody JsonNode request) {
        ContactList list = lists.create(caller.workspaceId(), request);
        return ResponseEntity.created(URI.create("/v1/lists/" + list.id()))
                .body(ApiResponse.of(list, "List created successfully"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(lists.page(caller.workspaceId(), new PageQuery(page, limit)));
    }

    @GetMapping("/{id}")
    ApiResponse<ContactList> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(lists.get(caller.workspaceId(), id));
    }

    /** PATCH and PUT alike: only the fields given change. */
    @RequestMapping(path = "/{id}", method = {RequestMethod.PATCH, RequestMethod.PUT})
    ApiResponse<ContactList> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = ListChanges.class)))
            @RequestBody JsonNode body) {
        return ApiResponse.of(lists.update(caller.workspaceId(), id, body), "List updated successfully");
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        lists.delete(lists.get(caller.workspaceId(), id));
        return ApiResponse.message("List deleted successfully");
    }

    @GetMapping("/{id}/contacts")
    ApiResponse<Map<String, Object>> members(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        ContactList list = lists.get(caller.workspaceId(), id);
        return ApiResponse.of(contacts.page(caller.workspaceId(), ContactFilter.members(list.id()),
                new PageQuery(page, limit)));
    }

    @PostMapping("/{id}/contacts")
    ApiResponse<MemberChange.Added> addMembers(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @Valid @RequestBody MemberChange change) {
        return ApiResponse.of(lists.addMembers(caller.workspaceId(), id, change));
    }

    /** Spring reads no body of a DELETE whose content type it cannot read; naming JSON makes that a 415. */
    @DeleteMapping(path = "/{id}/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<MemberChange.Removed> removeMembers(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @Valid @RequestBody MemberChange change) {
        return ApiResponse.of(lists.removeMembers(caller.workspaceId(), id, change));
    }

    /**
     * Sets members' status on the list: {@code unsubscribed} records that they left it (asked
     * outside Crier, say), {@code subscribed} that they agreed again. {@code unconfirmed} is only
     * the signup forms' (double opt-in).
     */
    @PatchMapping("/{id}/contacts")
    ApiResponse<MemberChange.StatusSet> setStatus(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @Valid @RequestBody MemberChange.StatusChange change) {
        return ApiResponse.of(lists.setStatus(caller.workspaceId(), id, change));
    }

    /** For clients that cannot send a body with DELETE. */
    @PostMapping("/{id}/contacts/remove")
    ApiResponse<MemberChange.Removed> removeMembersByPost(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @Valid @RequestBody MemberChange change) {
        return removeMembers(caller, id, change);
    }
}
