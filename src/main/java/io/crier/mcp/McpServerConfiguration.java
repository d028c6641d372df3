package io.crier.mcp;

import java.util.Map;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.crier.access.AccessService;
import io.crier.shared.ErrorResponseWriter;

/**
 * The MCP server's HTTP side: the SDK's stateless streamable-HTTP servlet at {@code /mcp}, behind
 * the API key chain ({@link McpSecurity}) and the {@link McpGate}. Stateless: each request stands
 * alone (no MCP session to keep), so any node of a cluster answers any request.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

    static final String ENDPOINT = "/mcp";

    @Bean
    HttpServletStatelessServerTransport mcpTransport() {
        return HttpServletStatelessServerTransport.builder()
                .messageEndpoint(ENDPOINT)
                .contextExtractor(request -> McpTransportContext.create(Map.of(ToolCalls.REQUEST, request)))
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> servlet =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        servlet.setName("mcp");
        return servlet;
    }

    @Bean
    FilterRegistrationBean<McpGate> mcpGate(AccessService access, ErrorResponseWriter errors,
            McpServerStarter server) {
        FilterRegistrationBean<McpGate> gate = new FilterRegistrationBean<>(new McpGate(access, errors, server));
        gate.addUrlPatterns(ENDPOINT);
        return gate;
    }
}
