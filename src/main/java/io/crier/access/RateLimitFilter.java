package io.crier.access;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.crier.shared.ErrorResponseWriter;
import io.crier.shared.RateLimitedException;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at
 * {@code requests-per-second}. Every authenticated response carries the X-RateLimit headers;
 * an empty bucket answers 429 with Retry-After. Buckets are per node. One filter serves every API
 * ({@link ApiKeyChains}), so a key has one bucket whichever API it calls.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    @ConfigurationProperties("crier.rate-limit")
    record Settings(@DefaultValue("100") long requestsPerSecond, @DefaultValue("200") long burst) {
    }

    private final Settings settings;
    private final ErrorResponseWriter errors;
    private final Clock clock;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(Settings settings, ErrorResponseWriter errors, Clock clock) {
        this.settings = settings;
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
        ConsumptionProbe probe = buckets.computeIfAbsent(auth.getPrincipal().keyId(), key -> newBucket())
                .tryConsumeAndReturnRemaining(1);
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

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.burst())
                        .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }
}
