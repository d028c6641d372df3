package io.crier.access;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorResponseWriter;

/**
 * The native API ({@code /v1/**}) is stateless and authenticated by API key; which scope each call
 * needs is in {@link ScopeRules}. Health, the OpenAPI document and its page are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessService access, ErrorResponseWriter errors,
            RateLimitFilter.Settings rateLimits, Clock clock) throws Exception {
        return http
                .securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(access, errors), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(rateLimits, errors, clock), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().access((authentication, context) ->
                        new AuthorizationDecision(authentication.get() instanceof ApiKeyAuthentication key
                                && key.getPrincipal().has(ScopeRules.requiredFor(context.getRequest())))))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> errors.write(response,
                                ApiKeyAuthenticationFilter.unauthorized("Missing API key: send 'Authorization: Bearer <API key>'")))
                        .accessDeniedHandler((request, response, e) -> errors.write(response, new ApiException(
                                HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "This API key lacks the '"
                                        + ScopeRules.requiredFor(request).wire() + "' scope this call needs"))))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain openEndpoints(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }
}
