package io.crier.access;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Component;

/**
 * The chain of public pages whose only credential is a signed token in their path (unsubscribe
 * pages, the open pixel and click redirects): the recipient has no API key. No session, no
 * request cache, no CSRF token (RFC 8058's one-click POST comes from mail clients that never
 * loaded a page, so none could be sent; the token, which only the recipient's own message holds
 * and which cannot be guessed or altered, is the protection), and no referrer, so no other site
 * ever sees the token. Each client address and each token may fetch only so often
 * ({@link TokenPageThrottle}), one limit for all these pages. Declare it as a bean ordered
 * {@link ApiKeyChains#ORDER}.
 */
@Component
public class TokenPageChains {

    private final TokenPageThrottle throttle;

    TokenPageChains(TokenPageThrottle.Settings throttle) {
        this.throttle = new TokenPageThrottle(throttle);
    }

    /**
     * The paths' chain without what only a browser session needs: no session, no saved request, no
     * CSRF token (what authenticates each call is in the call itself).
     */
    static HttpSecurity stateless(HttpSecurity http, String pathPattern) throws Exception {
        return http
                .securityMatcher(pathPattern)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
    }

    public SecurityFilterChain build(HttpSecurity http, String pathPattern, String contentSecurityPolicy)
            throws Exception {
        return stateless(http, pathPattern)
                .addFilterAfter(throttle, SecurityContextHolderFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }
}
