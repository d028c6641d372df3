package io.crier.compat.leadterra;

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
 * Leadterra's authentication: {@code Authorization: Bearer <API key>}, a Crier API key. Start and
 * pause need {@code send}, creating campaigns and enrolling leads {@code write} (and {@code send}
 * into a campaign that has started, which mails them at once), registering webhooks {@code admin},
 * stats {@code read}, as on {@code /v1}.
 */
@Configuration(proxyBeanMethods = false)
class LeadterraSecurity {

    static final String BASE = "/leadterra/v1";

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain leadterraChain(HttpSecurity http, ApiKeyChains chains) throws Exception {
        return chains.build(http, "/leadterra/**", AuthScheme.BEARER, ScopeRules.of(
                ScopeRules.rule(HttpMethod.POST, BASE + "/campaigns/{id}/{action:start|pause}", Scope.SEND),
                // As on /v1: a webhook sends the workspace's recipients and engagement wherever it points.
                ScopeRules.rule(HttpMethod.POST, BASE + "/webhooks", Scope.ADMIN)));
    }
}
