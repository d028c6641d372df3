package io.crier.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.ApiException;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/** Workspaces and their API keys: creation, authentication and revocation. */
@Service
public class AccessService {

    /** How stale a key's last-used time may get: one write a minute per key, not one per request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final AccessRepository repository;
    private final Clock clock;
    private final Map<UUID, Instant> lastUsedRecorded = new ConcurrentHashMap<>();

    AccessService(AccessRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** A key that exists and is not revoked, as the caller it stands for. */
    public Optional<ApiPrincipal> authenticate(String presentedKey) {
        return repository.findKeyByHash(ApiKeySecrets.hash(presentedKey))
                .filter(key -> !key.isRevoked() && ApiKeySecrets.matches(presentedKey, key.keyHash()))
                .map(key -> {
                    recordUse(key.id());
                    return new ApiPrincipal(key.workspaceId(), key.id(), key.scopes());
                });
    }

    /** A new workspace with its first key, which holds every scope of a workspace (not {@code installation}). */
    @Transactional
    public CreatedWorkspace createWorkspace(String name) {
        Workspace workspace = new Workspace(Ids.newId(), name, Timestamps.now(clock), McpAccess.FULL);
        repository.insertWorkspace(workspace);
        CreatedKey key = createKey(workspace.id(), "Initial admin key", Scope.ofWorkspace(), ApiKeySecrets.newKey());
        return new CreatedWorkspace(workspace, key);
    }

    public Workspace workspace(UUID id) {
        return repository.findWorkspace(id).orElseThrow(() -> ApiException.notFound("WORKSPACE", "Workspace"));
    }

    /** How far AI agents may reach the workspace through the MCP server. */
    public McpAccess mcpAccess(UUID workspaceId) {
        return repository.findMcpAccess(workspaceId).orElse(McpAccess.OFF);
    }

    public Workspace setMcpAccess(UUID workspaceId, McpAccess access) {
        repository.updateMcpAccess(workspaceId, access);
        return workspace(workspaceId);
    }

    /**
     * A new key of the caller's workspace. Only a key holding {@code installation} may grant it:
     * otherwise any workspace's admin could make itself an installation admin.
     */
    public CreatedKey createKey(ApiPrincipal caller, String name, Set<Scope> scopes) {
        if (scopes.contains(Scope.INSTALLATION)) {
            caller.require(Scope.INSTALLATION, "to grant it");
        }
        return createKey(caller.workspaceId(), name, scopes, ApiKeySecrets.newKey());
    }

    CreatedKey createKey(UUID workspaceId, String name, Set<Scope> scopes, String secret) {
        ApiKey key = new ApiKey(Ids.newId(), workspaceId, name, ApiKeySecrets.displayPrefix(secret), scopes,
                Timestamps.now(clock), null, null, ApiKeySecrets.hash(secret));
        repository.insertKey(key);
        return new CreatedKey(key, secret);
    }

    public ApiKey key(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(keyId -> repository.findKey(workspaceId, keyId))
                .orElseThrow(() -> ApiException.notFound("API_KEY", "API key"));
    }

    public List<ApiKey> keys(UUID workspaceId, PageQuery page) {
        return repository.listKeys(workspaceId, page.offset(), page.limit());
    }

    public long countKeys(UUID workspaceId) {
        return repository.countKeys(workspaceId);
    }

    /** Revoking is final and repeatable: a revoked key stays revoked, with its first revocation time. */
    public ApiKey revoke(UUID workspaceId, String id) {
        ApiKey key = key(workspaceId, id);
        repository.revokeKey(key.id(), Timestamps.now(clock));
        return key(workspaceId, id);
    }

    private void recordUse(UUID keyId) {
        Instant now = Timestamps.now(clock);
        Instant previous = lastUsedRecorded.get(keyId);
        if (previous == null || previous.plus(LAST_USED_RESOLUTION).isBefore(now)) {
            lastUsedRecorded.put(keyId, now);
            repository.touchKey(keyId, now);
        }
    }

    /** A key as it is shown exactly once: at creation, with its secret. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    public record CreatedWorkspace(Workspace workspace, CreatedKey key) {
    }
}
