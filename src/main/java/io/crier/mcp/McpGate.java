package io.crier.mcp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.crier.access.AccessService;
import io.crier.access.ApiPrincipal;
import io.crier.access.CallerScopes;
import io.crier.access.McpAccess;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorResponseWriter;

/**
 * In front of the MCP server, after the API key chain: a workspace whose MCP access is off is
 * refused here; the first request that passes starts the server ({@link McpServerStarter}).
 */
final class McpGate extends OncePerRequestFilter {

    private final AccessService access;
    private final ErrorResponseWriter errors;
    private final McpServerStarter server;

    McpGate(AccessService access, ErrorResponseWriter errors, McpServerStarter server) {
        this.access = access;
        this.errors = errors;
        this.server = server;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiPrincipal caller = CallerScopes.current();
        if (caller != null && access.mcpAccess(caller.workspaceId()) == McpAccess.OFF) {
            errors.write(request, response, new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN,
                    "MCP access is off for this workspace: an admin key turns it on with PATCH"
                            + " /v1/workspaces/current {\"mcp\": \"read\"} or {\"mcp\": \"full\"}"));
            return;
        }
        server.startOnce(request);
        chain.doFilter(request, response);
    }
}
