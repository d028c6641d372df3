package io.crier.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorResponseWriter;

/**
 * Reads {@code Authorization: Bearer <key>}. A missing header leaves the request anonymous (the
 * authorization rules then answer 401); a malformed header or an unknown or revoked key is
 * answered 401 here.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessService access;
    private final ErrorResponseWriter errors;

    ApiKeyAuthenticationFilter(AccessService access, ErrorResponseWriter errors) {
        this.access = access;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            errors.write(response, unauthorized("The Authorization header must be 'Bearer <API key>'"));
            return;
        }
        var principal = access.authenticate(header.substring(BEARER.length()).trim());
        if (principal.isEmpty()) {
            errors.write(response, unauthorized("Invalid or revoked API key"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(principal.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, message);
    }
}
