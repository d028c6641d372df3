package io.crier.access;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

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

import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

/**
 * Workspaces and API keys. Creating a workspace needs the {@code installation} scope, every other
 * call here {@code admin} (changing the workspace's MCP access included).
 */
@Tag(name = "Access", description = "Workspaces (installation scope) and API keys (admin scope)")
@RestController
@RequestMapping("/v1")
class AccessController {

    private final AccessService access;

    AccessController(AccessService access) {
        this.access = access;
    }

    record CreateWorkspace(@NotBlank @Size(max = 200) String name) {
    }

    record CreateKey(@NotBlank @Size(max = 200) String name, @NotEmpty Set<Scope> scopes) {
    }

    /** The workspace's settings that may change; each is optional. */
    record UpdateWorkspace(McpAccess mcp) {
    }

    /** A new workspace comes with one key holding every scope of a workspace: the only way into it. */
    @PostMapping("/workspaces")
    ResponseEntity<ApiResponse<Map<String, Object>>> createWorkspace(@Valid @RequestBody CreateWorkspace request) {
        AccessService.CreatedWorkspace created = access.createWorkspace(request.name());
        return ResponseEntity.created(URI.create("/v1/workspaces/" + created.workspace().id()))
                .body(ApiResponse.of(Map.of("workspace", created.workspace(), "apiKey", shown(created.key())),
                        "Workspace created; store the API key now, it is not shown again"));
    }

    @GetMapping("/workspaces/current")
    ApiResponse<Workspace> currentWorkspace(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(access.workspace(caller.workspaceId()));
    }

    /** {@code mcp}: how far AI agents may reach the workspace through the MCP server at {@code /mcp}. */
    @PatchMapping("/workspaces/current")
    ApiResponse<Workspace> updateCurrentWorkspace(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestBody UpdateWorkspace request) {
        if (request.mcp() != null) {
            access.setMcpAccess(caller.workspaceId(), request.mcp());
        }
        return ApiResponse.of(access.workspace(caller.workspaceId()), "Workspace updated");
    }

    @PostMapping("/api-keys")
    ResponseEntity<ApiResponse<Map<String, Object>>> createKey(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateKey request) {
        AccessService.CreatedKey created = access.createKey(caller, request.name(), request.scopes());
        return ResponseEntity.created(URI.create("/v1/api-keys/" + created.key().id()))
                .body(ApiResponse.of(shown(created), "Store this key now; it is not shown again"));
    }

    @GetMapping("/api-keys")
    ApiResponse<Map<String, Object>> listKeys(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        return ApiResponse.of(query.result("apiKeys", access.keys(caller.workspaceId(), query),
                access.countKeys(caller.workspaceId())));
    }

    @GetMapping("/api-keys/{id}")
    ApiResponse<ApiKey> getKey(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(access.key(caller.workspaceId(), id));
    }

    @DeleteMapping("/api-keys/{id}")
    ApiResponse<ApiKey> revokeKey(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(access.revoke(caller.workspaceId(), id), "API key revoked");
    }

    private static Map<String, Object> shown(AccessService.CreatedKey created) {
        ApiKey key = created.key();
        return Map.of("id", key.id(), "name", key.name(), "prefix", key.prefix(), "scopes", key.scopes(),
                "createdAt", key.createdAt(), "key", created.secret());
    }
}
