package io.crier.audience;

import java.net.URI;
import java.util.Map;

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

    ContactListController(ContactListService lists) {
        this.lists = lists;
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

    @Operation(summary = "A page of the list's members, or of the contacts the segment matches now, with their count")
    @GetMapping("/{id}/contacts")
    ApiResponse<Map<String, Object>> contacts(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(lists.contacts(caller.workspaceId(), id, new PageQuery(page, limit)));
    }
}
