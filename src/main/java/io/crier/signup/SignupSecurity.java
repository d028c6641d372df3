package io.crier.signup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.crier.access.ApiKeyChains;
import io.crier.access.TokenPageChains;

/**
 * The signup pages ({@code /f/**}) are public, throttled like the other token pages (per client
 * address, and per form or link: the path's last segment); they load nothing but their own styles
 * and post only to themselves.
 */
@Configuration(proxyBeanMethods = false)
class SignupSecurity {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain signupPages(HttpSecurity http, TokenPageChains chains) throws Exception {
        return chains.build(http, SignupController.PATH + "/**",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    }
}
