package io.crier.access;

import java.util.Set;
import java.util.UUID;

/** The authenticated caller of an API request: one key of one workspace. */
public record ApiPrincipal(UUID workspaceId, UUID keyId, Set<Scope> scopes) {

    public ApiPrincipal {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
