package io.crier.access;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs part of an API request as its caller holding fewer of its key's scopes. The MCP server
 * relays each tool to a {@code /v1} call this way, so the API's own rules (its scope table and
 * each service's checks) refuse whatever the tool may not do, however its arguments are dressed.
 */
public final class CallerScopes {

    private CallerScopes() {
    }

    /** The request's authenticated caller, if an API key authenticated it. */
    public static ApiPrincipal current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key
                ? key.getPrincipal() : null;
    }

    /** {@code call}, with the request's caller holding only those of its scopes that are in {@code kept}. */
    public static <T> T narrowedTo(Set<Scope> kept, Callable<T> call) throws Exception {
        ApiPrincipal caller = current();
        if (caller == null) {
            throw new IllegalStateException("No API key authenticated this request");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        scopes.addAll(caller.scopes());
        scopes.retainAll(kept);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext narrowed = SecurityContextHolder.createEmptyContext();
        narrowed.setAuthentication(new ApiKeyAuthentication(
                new ApiPrincipal(caller.workspaceId(), caller.keyId(), scopes)));
        SecurityContextHolder.setContext(narrowed);
        try {
            return call.call();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
