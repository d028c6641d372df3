package io.crier.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import tools.jackson.databind.JsonNode;

/**
 * A real MCP client (the MCP Java SDK's, over streamable HTTP) connected to Crier's {@code /mcp}
 * with one API key, as an AI agent's would be.
 */
public final class McpCaller implements AutoCloseable {

    private final McpSyncClient client;

    private McpCaller(McpSyncClient client) {
        this.client = client;
    }

    /** Connects and initializes; fails as the client does if the server refuses the key. */
    public static McpCaller connect(Api api, String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(api.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + key))
                .build();
        // The first request builds the OpenAPI document the tools' schemas come from: slow on a busy machine.
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(2))
                .initializationTimeout(Duration.ofMinutes(3)).build();
        try {
            client.initialize();
        } catch (RuntimeException refused) {
            client.close();
            throw refused;
        }
        return new McpCaller(client);
    }

    public McpSyncClient client() {
        return client;
    }

    public List<McpSchema.Tool> tools() {
        return client.listTools().tools();
    }

    public Result call(String tool, Map<String, Object> arguments) {
        return new Result(client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()));
    }

    @Override
    public void close() {
        client.closeGracefully();
    }

    /** A tool's answer: its text (the API's JSON envelope), parsed. */
    public record Result(CallToolResult result) {

        public boolean isError() {
            return Boolean.TRUE.equals(result.isError());
        }

        public String text() {
            return ((TextContent) result.content().getFirst()).text();
        }

        public JsonNode json() {
            return Api.JSON.readTree(text());
        }

        /** The envelope's {@code data}, after checking the call succeeded. */
        public JsonNode data() {
            if (isError()) {
                throw new AssertionError("the tool failed: " + text());
            }
            return json().path("data");
        }
    }
}
