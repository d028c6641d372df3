package io.crier.access;

import java.time.Instant;
import java.util.UUID;

/** @param mcp how far AI agents may reach it through the MCP server */
public record Workspace(UUID id, String name, Instant createdAt, McpAccess mcp) {

    /** The workspace every installation starts with, and the one the bootstrap keys belong to. */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
}
