package io.crier.suppression;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.crier.access.ApiKeyChains;

/**
 * The unsubscribe pages ({@code /u/**}) are public: the recipient has no API key. No session, no
 * request cache; the pages load nothing and send their token to no other site.
 */
@Configuration(proxyBeanMethods = false)
class UnsubscribeSecurity {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain unsubscribePages(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(UnsubscribeController.PATH + "/**")
                // No CSRF token on purpose: RFC 8058's one-click POST comes from mail clients that
                // never loaded the page, so none could be sent. The signed token in the path is the
                // protection instead: only the recipient's own message holds it, it cannot be
                // guessed or altered, and it can only unsubscribe that one recipient.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }
}
