package io.crier.compat.blueshift;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.crier.access.ApiKeyChains;
import io.crier.access.AuthScheme;
import io.crier.access.Scope;
import io.crier.access.ScopeRules;

/**
 * Blueshift's authentication: HTTP Basic with the API key as user name and an empty password
 * (a bearer token is a 401). Launch, pause and the template test send need {@code send}, other
 * changes {@code write}, reads {@code read}, as on {@code /v1}.
 */
@Configuration(proxyBeanMethods = false)
class BlueshiftSecurity {

    static final String BASE = "/blueshift";

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain blueshiftChain(HttpSecurity http, ApiKeyChains chains) throws Exception {
        return chains.build(http, BASE + "/**", AuthScheme.BASIC_USER_NAME, ScopeRules.of(
                ScopeRules.rule(HttpMethod.PATCH, BASE + "/api/v1/campaigns/{uuid}/{action:launch|pause}",
                        Scope.SEND),
                ScopeRules.rule(HttpMethod.POST, BASE + "/api/v1/email_templates/test_send.json", Scope.SEND)));
    }
}
