package io.crier.mcp;

import java.io.IOException;
import java.util.Map;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

import io.crier.access.AccessService;
import io.crier.access.Scope;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the MCP server on its first request: the tools' schemas come from the API's OpenAPI
 * document, which springdoc builds from the controllers on a request, and which this reads
 * inside the server ({@link InProcessApi}). Without the document (springdoc's api-docs turned off)
 * the tools still work, with no schema for their arguments.
 */
@Component
class McpServerStarter {

    private static final Logger log = LoggerFactory.getLogger(McpServerStarter.class);
    private static final String OPENAPI_PATH = "/v3/api-docs";
    private static final String INSTRUCTIONS = """
            Crier is a self-hosted email campaign engine. These tools read campaigns with their metrics, \
            deliveries, tracking figures and suppressions, create and edit draft campaigns, preview them, \
            send tests, and manage contacts and lists. Starting, scheduling, pausing, resuming or aborting a \
            send is not possible through MCP: a person does it with the API from their own infrastructure. \
            The resources hold the template syntax and the campaign rules.""";

    private final HttpServletStatelessServerTransport transport;
    private final AccessService access;
    private final JsonMapper json;
    private final String version;
    private volatile McpStatelessSyncServer server;

    McpServerStarter(HttpServletStatelessServerTransport transport, AccessService access, JsonMapper json,
            ObjectProvider<BuildProperties> build) {
        this.transport = transport;
        this.access = access;
        this.json = json;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "development" : properties.getVersion();
    }

    void startOnce(HttpServletRequest request) throws ServletException, IOException {
        if (server == null) {
            synchronized (this) {
                if (server == null) {
                    server = start(openApi(request));
                }
            }
        }
    }

    private McpStatelessSyncServer start(JsonNode openApi) {
        ToolSchemas schemas = new ToolSchemas(json, openApi);
        ToolCalls calls = new ToolCalls(access, json);
        return McpServer.sync(transport)
                .serverInfo("crier", version)
                .instructions(INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).build())
                .tools(CrierTools.ALL.stream().map(tool -> specification(tool, schemas, calls)).toList())
                .resources(DocResources.all())
                // Each tool's call checks its arguments as the API does, in the API's words.
                .validateToolInputs(false)
                // A tool's call is forwarded inside the server, so it runs on the request's own thread.
                .immediateExecution(true)
                .build();
    }

    private JsonNode openApi(HttpServletRequest request) throws ServletException, IOException {
        InProcessApi.Answer document = InProcessApi.call(request, "GET", OPENAPI_PATH, null);
        if (!document.succeeded()) {
            log.warn("The OpenAPI document answered {}: MCP tools are offered without argument schemas",
                    document.status());
            return json.createObjectNode();
        }
        return json.readTree(document.body());
    }

    private static SyncToolSpecification specification(RestTool tool, ToolSchemas schemas, ToolCalls calls) {
        Tool described = Tool.builder(tool.name(), schemas.inputSchema(tool))
                .title(tool.title())
                .description(tool.description())
                .annotations(ToolAnnotations.builder()
                        .readOnlyHint(tool.readOnly())
                        .destructiveHint(false)
                        .idempotentHint(!tool.takesBody())
                        .openWorldHint(tool.scope() == Scope.SEND)
                        .build())
                .meta(Map.of("crier/call", tool.call(), "crier/scope", tool.scope().wire()))
                .build();
        return new SyncToolSpecification(described,
                (context, request) -> calls.call(tool, context, request.arguments()));
    }

    @PreDestroy
    void stop() {
        if (server != null) {
            server.close();
        }
    }
}
