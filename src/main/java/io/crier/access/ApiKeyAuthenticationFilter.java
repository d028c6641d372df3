package io.crier.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorResponseWriter;

/**
 * Reads the API key from the {@code Authorization} header in its API's {@link AuthScheme}. A
 * missing header leaves the request anonymous (the authorization rules then answer 401); a header
 * of another scheme or form, or an unknown or revoked key, is answered 401 here, and a client
 * address that sent too many unknown or revoked keys 429 ({@link SignInThrottle}).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final SignInThrottle signIns;
    private final ErrorResponseWriter errors;
    private final AuthScheme scheme;

    ApiKeyAuthenticationFilter(SignInThrottle signIns, ErrorResponseWriter errors, AuthScheme scheme) {
        this.signIns = signIns;
        this.errors = errors;
        this.scheme = scheme;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiPrincipal principal;
        try {
            principal = signIns.authenticate(request, scheme.keyFrom(header))
                    .orElseThrow(() -> AuthScheme.unauthorized("Invalid or revoked API key"));
        } catch (ApiException refused) {
            errors.write(request, response, refused);
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(principal));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
