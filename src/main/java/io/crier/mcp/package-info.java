/**
 * The MCP server at {@code /mcp} for AI agents: tools that relay to the native {@code /v1} API inside
 * the server, authenticated, scoped and rate limited as the API is. Starting, pausing, resuming and
 * aborting sends, deleting and the workspace's set-up are not tools, and are refused if a tool's
 * arguments reach for them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "MCP")
package io.crier.mcp;
