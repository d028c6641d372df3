package io.crier.audience;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
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

/** AutoSend's contact lists: lists and segments (saved filters over contacts) alike. */
@Tag(name = "Contact lists", description = "Lists and segments: AutoSend's /contact-lists")
@RestController
@RequestMapping("/v1/contact-lists")
class ContactListController {

    private final ContactListService lists;
    private final ListService members;

    ContactListController(ContactListService lists, ListService members) {
        this.lists = lists;
        this.members = members;
    }

    @Operation(summary = "Create a list, or a segment with its filterCriteria")
    @PostMapping
    ResponseEntity<ApiResponse<ContactListView>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody JsonNode body) {
        ContactListView list = lists.create(caller.workspaceId(), body);
        return ResponseEntity.created(URI.create("/v1/contact-lists/" + list.id()))
                .body(ApiResponse.of(list, "Contact list created successfully"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(lists.page(caller.workspaceId(), type, new PageQuery(page, limit)));
    }

    /** A POST only because it takes a body: the builder's live count and first members, before saving. */
    @Operation(summary = "The contacts a filterCriteria (and parentListId) would match now, with their count,"
            + " without saving a segment")
    @PostMapping("/preview")
    ApiResponse<Map<String, Object>> preview(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestBody JsonNode body) {
        return ApiResponse.of(lists.preview(caller.workspaceId(), body, new PageQuery(page, limit)));
    }

    @GetMapping("/{id}")
    ApiResponse<ContactListView> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(lists.get(caller.workspaceId(), id));
    }

    /** PATCH and PUT alike: only the fields given change. */
    @RequestMapping(path = "/{id}", method = {RequestMethod.PATCH, RequestMethod.PUT})
    ApiResponse<ContactListView> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return ApiResponse.of(lists.update(caller.workspaceId(), id, body), "Contact list updated successfully");
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        lists.delete(caller.workspaceId(), id);
        return ApiResponse.message("Contact list deleted successfully");
    }

    /** AutoSend's bulk add: the list is named in the body. */
    record BulkAdd(@NotBlank String contactListId, @NotEmpty @Size(max = MemberChange.MAX_PER_CALL)
            List<@NotNull String> emails) {
    }

    @Operation(summary = "Add contacts, by email, to the list contactListId names (as POST /v1/lists/{id}/contacts)")
    @PostMapping("/contacts/bulk-add")
    ApiResponse<MemberChange.Added> bulkAdd(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody BulkAdd body) {
        members.require(caller.workspaceId(), "contactListId", body.contactListId());
        return ApiResponse.of(members.addMembers(caller.workspaceId(), body.contactListId(),
                new MemberChange(List.of(), body.emails())), "Contacts added successfully");
    }

    @Operation(summary = "Remove contacts, by email, from the list (as POST /v1/lists/{id}/contacts/remove)")
    @PostMapping("/{id}/contacts/remove")
    ApiResponse<MemberChange.Removed> removeContacts(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @Valid @RequestBody EmailList body) {
        return ApiResponse.of(members.removeMembers(caller.workspaceId(), id, new MemberChange(List.of(), body.emails())),
                "Contacts removed successfully");
    }

    @Operation(summary = "A page of the list's members, or of the contacts the segment matches now, with their count")
    @GetMapping("/{id}/contacts")
    ApiResponse<Map<String, Object>> contacts(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(lists.contacts(caller.workspaceId(), id, new PageQuery(page, limit)));
    }
}
