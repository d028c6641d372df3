package io.crier.audience;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;

/**
 * AutoSend's suppression groups: unsubscribe groups a recipient can leave one by one. Mail sent
 * with {@code unsubscribeGroupId} is not sent to a group's leavers, and its unsubscribe link leaves
 * that group ({@link UnsubscribeGroups}).
 */
@Tag(name = "Suppressions")
@RestController
@RequestMapping("/v1/suppression-groups")
class UnsubscribeGroupController {

    /** AutoSend's body asking which groups an address is in. */
    record EmailQuery(@NotBlank String email) {
    }

    /** How many addresses a bulk call changed. */
    record Changed(int count) {
    }

    private final UnsubscribeGroups groups;

    UnsubscribeGroupController(UnsubscribeGroups groups) {
        this.groups = groups;
    }

    @Operation(summary = "The workspace's groups; includeGlobal is accepted (Crier's global group is /v1/suppressions)")
    @GetMapping
    ApiResponse<List<UnsubscribeGroup>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) Boolean includeGlobal) {
        return ApiResponse.of(groups.all(caller.workspaceId()));
    }

    @Operation(summary = "Create a group, with a list of the same name that holds who left it")
    @PostMapping
    ResponseEntity<ApiResponse<UnsubscribeGroup>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody GroupRequest body) {
        UnsubscribeGroup group = groups.create(caller.workspaceId(), body);
        return ResponseEntity.created(URI.create("/v1/suppression-groups/" + group.id()))
                .body(ApiResponse.of(group, "Suppression group created successfully"));
    }

    @GetMapping("/{id}")
    ApiResponse<UnsubscribeGroup> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(groups.get(caller.workspaceId(), id));
    }

    @PutMapping("/{id}")
    ApiResponse<UnsubscribeGroup> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @Valid @RequestBody GroupRequest body) {
        return ApiResponse.of(groups.update(caller.workspaceId(), id, body), "Suppression group updated successfully");
    }

    @Operation(summary = "Delete a group and its list: its leavers are mailed again by campaigns that name it")
    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        groups.delete(caller.workspaceId(), id);
        return ApiResponse.message("Suppression group deleted successfully");
    }

    @Operation(summary = "These addresses leave the group (a contact is made for an unknown one)")
    @PostMapping("/emails/suppress")
    ApiResponse<Changed> suppress(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody GroupEmails body) {
        int changed;
        try {
            changed = groups.suppress(caller.workspaceId(), body);
        } catch (DuplicateKeyException anotherCallWasFirst) {
            // A call at the same moment made the same unknown address's contact or membership
            // (its insert waited for that commit): again, this call finds them and only marks.
            changed = groups.suppress(caller.workspaceId(), body);
        }
        return ApiResponse.of(new Changed(changed), "Emails suppressed successfully");
    }

    @Operation(summary = "These addresses come back to the group")
    @PostMapping("/emails/unsuppress")
    ApiResponse<Changed> unsuppress(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody GroupEmails body) {
        return ApiResponse.of(new Changed(groups.unsuppress(caller.workspaceId(), body)),
                "Emails unsuppressed successfully");
    }

    @Operation(summary = "A page of the group's leavers, newest first")
    @PostMapping("/entries")
    ApiResponse<Map<String, Object>> entries(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody EntrySearch body) {
        return ApiResponse.of(groups.entries(caller.workspaceId(), body));
    }

    @Operation(summary = "The groups this address left")
    @PostMapping("/email/entries")
    ApiResponse<List<UnsubscribeGroup>> groupsOf(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody EmailQuery body) {
        return ApiResponse.of(groups.leftBy(caller.workspaceId(), body.email()));
    }
}
