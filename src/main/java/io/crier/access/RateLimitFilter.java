package io.crier.access;

import java.io.IOException;
import java.time.Clock;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.crier.shared.ErrorResponseWriter;
import io.crier.shared.RateLimitedException;

/**
 * Each API call takes a token of its key's bucket ({@link KeyRateLimits}). Every authenticated
 * response carries the X-RateLimit headers; an empty bucket answers 429 with Retry-After. One
 * filter serves every API ({@link ApiKeyChains}), so a key has one bucket whichever API it calls.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final KeyRateLimits limits;
    private final ErrorResponseWriter errors;
    private final Clock clock;

    RateLimitFilter(KeyRateLimits limits, ErrorResponseWriter errors, Clock clock) {
        this.limits = limits;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication auth)) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = limits.take(auth.getPrincipal().keyId());
        KeyRateLimits.Settings settings = limits.settings();
        long remaining = probe.getRemainingTokens();
        long secondsUntilFull = Math.ceilDiv(settings.burst() - remaining, settings.requestsPerSecond());
        response.setHeader("X-RateLimit-Limit", Long.toString(settings.burst()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(remaining));
        response.setHeader("X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + secondsUntilFull));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        errors.write(request, response, RateLimitedException.after("Too many requests", probe.getNanosToWaitForRefill()));
    }
}
