package io.crier.suppression;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.crier.access.ApiKeyChains;
import io.crier.access.TokenPageChains;

/** The unsubscribe pages ({@code /u/**}) are public; the pages load nothing but their own styles. */
@Configuration(proxyBeanMethods = false)
class UnsubscribeSecurity {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain unsubscribePages(HttpSecurity http, TokenPageChains chains) throws Exception {
        return chains.build(http, UnsubscribeController.PATH + "/**",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    }
}
