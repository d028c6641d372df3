package io.crier.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.crier.shared.RateLimitedException;

/**
 * Limits the public token pages (open pixel, click redirects, unsubscribe pages) per client address
 * (IPv6: per /64) and per token, before the token is even read: anyone can replay a link they were
 * mailed, and each fetch costs the database a read and, when it counts, writes and webhooks. A
 * fetch over either limit is a plain-text 429 with Retry-After. Buckets are per node.
 */
final class TokenPageThrottle extends OncePerRequestFilter {

    /**
     * @param perAddressBurst     fetches one client address may make at once
     * @param perAddressPerSecond and how many more per second
     * @param perTokenBurst       fetches of one link (its token) at once, from any address
     * @param perTokenPerMinute   and how many more per minute
     */
    @ConfigurationProperties("crier.rate-limit.token-pages")
    record Settings(@DefaultValue("300") long perAddressBurst, @DefaultValue("50") long perAddressPerSecond,
            @DefaultValue("20") long perTokenBurst, @DefaultValue("20") long perTokenPerMinute) {
    }

    /** Beyond this many addresses or tokens, those whose bucket is full again are forgotten. */
    private static final int MAX_KEYS = 100_000;

    private final KeyedBuckets addresses;
    private final KeyedBuckets tokens;

    TokenPageThrottle(Settings settings) {
        addresses = new KeyedBuckets("addresses fetching links", settings.perAddressBurst(),
                settings.perAddressPerSecond(), Duration.ofSeconds(1), MAX_KEYS);
        tokens = new KeyedBuckets("links fetched", settings.perTokenBurst(), settings.perTokenPerMinute(),
                Duration.ofMinutes(1), MAX_KEYS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe address = addresses.of(SignInThrottle.clientOf(request.getRemoteAddr()))
                .tryConsumeAndReturnRemaining(1);
        if (!address.isConsumed()) {
            refuse(response, "Too many requests from this address", address);
            return;
        }
        String path = request.getRequestURI();
        ConsumptionProbe token = tokens.of(path.substring(path.lastIndexOf('/') + 1)).tryConsumeAndReturnRemaining(1);
        if (!token.isConsumed()) {
            refuse(response, "Too many requests for this link", token);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, String why, ConsumptionProbe probe) throws IOException {
        RateLimitedException limited = RateLimitedException.after(why, probe.getNanosToWaitForRefill());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(RateLimitedException.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8");
        response.getOutputStream().write((limited.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
