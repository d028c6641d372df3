package io.crier.shared;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements every workspace-scoped resource table answers alike: one row by id, a page in
 * creation order, the count and a delete, each confined to the caller's workspace, so that no
 * repository can forget the workspace in one of them. The table needs {@code id},
 * {@code workspace_id} and {@code created_at} columns. Its owning repository names it once, in
 * {@code WorkspaceRows.of(jdbc, "<table>")}, which the table-ownership check reads as that module's
 * write of the table.
 */
public final class WorkspaceRows {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final String table;

    private WorkspaceRows(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public static WorkspaceRows of(JdbcClient jdbc, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        return new WorkspaceRows(jdbc, table);
    }

    public <T> Optional<T> find(UUID workspaceId, UUID id, RowMapper<T> mapper) {
        return jdbc.sql("select * from " + table + " where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(mapper)
                .optional();
    }

    public <T> List<T> page(UUID workspaceId, PageQuery query, RowMapper<T> mapper) {
        return jdbc.sql("select * from " + table
                        + " where workspace_id = :workspaceId order by created_at, id limit :limit offset :offset")
                .param("workspaceId", workspaceId)
                .param("limit", query.limit())
                .param("offset", query.offset())
                .query(mapper)
                .list();
    }

    public long count(UUID workspaceId) {
        return jdbc.sql("select count(*) from " + table + " where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId)
                .query(Long.class)
                .single();
    }

    /** False when the workspace has no such row. */
    public boolean delete(UUID workspaceId, UUID id) {
        return jdbc.sql("delete from " + table + " where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update() > 0;
    }
}
