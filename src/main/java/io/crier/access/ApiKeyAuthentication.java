package io.crier.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Spring Security's view of a caller authenticated by API key; its authorities are its scopes. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    ApiKeyAuthentication(ApiPrincipal principal) {
        super(principal.scopes().stream().map(scope -> new SimpleGrantedAuthority(scope.wire())).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiPrincipal getPrincipal() {
        return principal;
    }
}
