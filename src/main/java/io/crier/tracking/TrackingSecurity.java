package io.crier.tracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.crier.access.ApiKeyChains;

/**
 * The open pixel and click redirects ({@code /t/**}) are public: the recipient has no API key, and
 * the signed token in the path is the only credential. No session, no request cache; the redirect
 * sends no referrer, so the destination never sees the token.
 */
@Configuration(proxyBeanMethods = false)
class TrackingSecurity {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain trackingEndpoints(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(TrackingController.PATH + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }
}
