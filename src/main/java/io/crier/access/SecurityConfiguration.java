package io.crier.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The native API ({@code /v1/**}) is stateless and authenticated by API key as a bearer token;
 * which scope each call needs is in {@link ScopeRules#NATIVE}. Vendor dialects add chains of their
 * own the same way ({@link ApiKeyChains}). Health, metrics ({@code /actuator/prometheus}), the OpenAPI
 * document and its page are open; on a separate management port (MANAGEMENT_SERVER_PORT) Spring Boot
 * applies these same chains, so the actuator endpoints stay open there too.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyChains chains) throws Exception {
        return chains.build(http, "/v1/**", AuthScheme.BEARER, ScopeRules.NATIVE);
    }

    @Bean
    @Order(ApiKeyChains.ORDER + 1)
    SecurityFilterChain openEndpoints(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }
}
