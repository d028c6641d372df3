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

    /**
     * For what a call does beyond what its path says (its path's scope is checked before it runs):
     * a 403 unless the key holds {@code scope}. {@code purpose} says what for, e.g. "to start sending".
     */
    public void require(Scope scope, String purpose) {
        if (!has(scope)) {
            throw scope.lacking(purpose);
        }
    }
}
