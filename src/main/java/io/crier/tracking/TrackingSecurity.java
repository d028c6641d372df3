package io.crier.tracking;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.crier.access.ApiKeyChains;
import io.crier.access.TokenPageChains;

/**
 * The open pixel and click redirects ({@code /t/**}) are public, their signed token the only
 * credential; the redirect sends no referrer, so the destination never sees the token.
 */
@Configuration(proxyBeanMethods = false)
class TrackingSecurity {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain trackingEndpoints(HttpSecurity http, TokenPageChains chains) throws Exception {
        return chains.build(http, TrackingController.PATH + "/**",
                "default-src 'none'; frame-ancestors 'none'");
    }
}
