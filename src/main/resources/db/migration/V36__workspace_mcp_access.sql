-- How far AI agents may reach a workspace through the MCP server at /mcp: 'off', 'read' (read-only
-- tools) or 'full' (every tool it offers; starting, pausing, resuming and aborting sends never are).
alter table workspace add column mcp_access varchar(4) default 'full' not null;
alter table workspace add constraint workspace_mcp_access check (mcp_access in ('off', 'read', 'full'));
