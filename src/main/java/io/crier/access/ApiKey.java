package io.crier.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A stored API key: never the key itself, only its hash and a short display prefix. */
public record ApiKey(UUID id, @JsonIgnore UUID workspaceId, String name, String prefix, Set<Scope> scopes,
        Instant createdAt, Instant lastUsedAt, Instant revokedAt, @JsonIgnore String keyHash) {

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
