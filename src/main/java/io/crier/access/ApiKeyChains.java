package io.crier.access;

import java.time.Clock;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.stereotype.Component;

import io.crier.shared.ErrorResponseWriter;

/**
 * Builds the Spring Security filter chain of one API authenticated by Crier's API keys: the
 * native {@code /v1} API and each vendor dialect. Every chain is stateless, reads the key in its
 * API's {@link AuthScheme}, checks the scope its {@link ScopeRules} ask for (401 without a valid
 * key, 403 without the scope) and shares one per-key rate limit and one throttle of failed sign-ins
 * per client address. Errors are written through
 * {@link ErrorResponseWriter}, so a dialect's {@link io.crier.shared.ErrorDialect} shapes them.
 *
 * <p>A dialect declares its chain as a bean ordered {@link #ORDER}:
 * <pre>{@code
 * @Bean
 * @Order(ApiKeyChains.ORDER)
 * SecurityFilterChain dialectSecurity(HttpSecurity http, ApiKeyChains chains) throws Exception {
 *     return chains.build(http, "/dialect/**", AuthScheme.BEARER, ScopeRules.of(...));
 * }
 * }</pre>
 */
@Component
public class ApiKeyChains {

    /** The order of every API chain: before the chain that leaves the other paths open. */
    public static final int ORDER = 1;

    private final SignInThrottle signIns;
    private final ErrorResponseWriter errors;
    private final RateLimitFilter rateLimit;
    private final IdempotencyFilter idempotency;

    ApiKeyChains(SignInThrottle signIns, ErrorResponseWriter errors, KeyRateLimits rateLimits,
            IdempotencyKeys idempotencyKeys, Clock clock) {
        this.signIns = signIns;
        this.errors = errors;
        this.rateLimit = new RateLimitFilter(rateLimits, errors, clock);
        this.idempotency = new IdempotencyFilter(idempotencyKeys, errors);
    }

    /** The chain of the API whose paths match {@code pathPattern} (e.g. {@code /v1/**}). */
    public SecurityFilterChain build(HttpSecurity http, String pathPattern, AuthScheme scheme, ScopeRules scopes)
            throws Exception {
        return TokenPageChains.stateless(http, pathPattern)
                .addFilterBefore(new ApiKeyAuthenticationFilter(signIns, errors, scheme),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(rateLimit, AnonymousAuthenticationFilter.class)
                // after the scope check, so a refused call claims no key
                .addFilterAfter(idempotency, AuthorizationFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().access((authentication, context) ->
                        new AuthorizationDecision(authentication.get() instanceof ApiKeyAuthentication key
                                && key.getPrincipal().has(scopes.requiredFor(context.getRequest())))))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) ->
                                errors.write(request, response, scheme.missing()))
                        .accessDeniedHandler((request, response, e) -> errors.write(request, response,
                                scopes.requiredFor(request).lacking(""))))
                .build();
    }
}
