package io.crier.mcp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.crier.access.ApiKeyChains;
import io.crier.access.AuthScheme;
import io.crier.access.Scope;
import io.crier.access.ScopeRules;

/**
 * {@code /mcp} takes the same API keys as {@code /v1}, as a bearer token, with the same per-key rate
 * limit (each MCP request takes one token). Every MCP request needs {@code read}; each tool then
 * needs its own scope, which the API call it makes checks ({@link ToolCalls}).
 */
@Configuration(proxyBeanMethods = false)
class McpSecurity {

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain mcpKeyChain(HttpSecurity http, ApiKeyChains chains) throws Exception {
        return chains.build(http, McpServerConfiguration.ENDPOINT + "/**", AuthScheme.BEARER,
                ScopeRules.of(ScopeRules.rule(null, McpServerConfiguration.ENDPOINT + "/**", Scope.READ)));
    }
}
