package io.crier.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * How far AI agents may reach a workspace through the MCP server ({@code /mcp}): set by the
 * workspace's admin with {@code PATCH /v1/workspaces/current}. Whatever it says, the MCP server
 * never starts, pauses, resumes or aborts a send.
 */
public enum McpAccess implements WireValue {
    /** Every MCP request is refused. */
    OFF("off"),
    /** Only the tools that read. */
    READ("read"),
    /** Every tool the MCP server offers. */
    FULL("full");

    private final String wire;

    McpAccess(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static McpAccess of(String value) {
        return WireValue.parse(McpAccess.class, value);
    }
}
