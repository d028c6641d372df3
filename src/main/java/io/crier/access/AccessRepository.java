package io.crier.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** Workspaces and API keys in SQL. */
@Repository
class AccessRepository {

    private final JdbcClient jdbc;

    AccessRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertWorkspace(Workspace workspace) {
        jdbc.sql("insert into workspace (id, name, created_at, mcp_access) values (:id, :name, :createdAt, :mcp)")
                .param("id", workspace.id())
                .param("name", workspace.name())
                .param("createdAt", Timestamps.toDb(workspace.createdAt()))
                .param("mcp", workspace.mcp().wire())
                .update();
    }

    Optional<Workspace> findWorkspace(UUID id) {
        return jdbc.sql("select id, name, created_at, mcp_access from workspace where id = :id")
                .param("id", id)
                .query((rs, row) -> new Workspace(rs.getObject("id", UUID.class), rs.getString("name"),
                        Timestamps.read(rs, "created_at"), McpAccess.of(rs.getString("mcp_access"))))
                .optional();
    }

    Optional<McpAccess> findMcpAccess(UUID workspaceId) {
        return jdbc.sql("select mcp_access from workspace where id = :id")
                .param("id", workspaceId)
                .query((rs, row) -> McpAccess.of(rs.getString("mcp_access")))
                .optional();
    }

    void updateMcpAccess(UUID workspaceId, McpAccess access) {
        jdbc.sql("update workspace set mcp_access = :mcp where id = :id")
                .param("id", workspaceId)
                .param("mcp", access.wire())
                .update();
    }

    /**
     * Locks the workspace's row with an update that changes no key: PostgreSQL then takes a "no key
     * update" lock, which, unlike {@code select ... for update}, does not hold up inserts of rows
     * referencing the workspace (H2 has no such lock mode to ask for by name).
     */
    void lockWorkspace(UUID id) {
        jdbc.sql("update workspace set name = name where id = :id").param("id", id).update();
    }

    void insertKey(ApiKey key) {
        jdbc.sql("""
                insert into api_key (id, workspace_id, name, prefix, key_hash, scopes, created_at)
                values (:id, :workspaceId, :name, :prefix, :keyHash, :scopes, :createdAt)""")
                .param("id", key.id())
                .param("workspaceId", key.workspaceId())
                .param("name", key.name())
                .param("prefix", key.prefix())
                .param("keyHash", key.keyHash())
                .param("scopes", toColumn(key.scopes()))
                .param("createdAt", Timestamps.toDb(key.createdAt()))
                .update();
    }

    Optional<ApiKey> findKeyByHash(String keyHash) {
        return jdbc.sql("select * from api_key where key_hash = :keyHash")
                .param("keyHash", keyHash)
                .query(AccessRepository::key)
                .optional();
    }

    Optional<ApiKey> findKey(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from api_key where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(AccessRepository::key)
                .optional();
    }

    List<ApiKey> listKeys(UUID workspaceId, long offset, int limit) {
        return jdbc.sql("""
                select * from api_key where workspace_id = :workspaceId
                order by created_at, id limit :limit offset :offset""")
                .param("workspaceId", workspaceId)
                .param("offset", offset)
                .param("limit", limit)
                .query(AccessRepository::key)
                .list();
    }

    long countKeys(UUID workspaceId) {
        return jdbc.sql("select count(*) from api_key where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId)
                .query(Long.class)
                .single();
    }

    void revokeKey(UUID id, Instant at) {
        jdbc.sql("update api_key set revoked_at = :at where id = :id and revoked_at is null")
                .param("id", id)
                .param("at", Timestamps.toDb(at))
                .update();
    }

    void touchKey(UUID id, Instant at) {
        jdbc.sql("update api_key set last_used_at = :at where id = :id")
                .param("id", id)
                .param("at", Timestamps.toDb(at))
                .update();
    }

    private static ApiKey key(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("name"), rs.getString("prefix"), fromColumn(rs.getString("scopes")),
                Timestamps.read(rs, "created_at"), Timestamps.read(rs, "last_used_at"), Timestamps.read(rs, "revoked_at"),
                rs.getString("key_hash"));
    }

    private static String toColumn(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(","));
    }

    private static Set<Scope> fromColumn(String column) {
        return Arrays.stream(column.split(",")).map(Scope::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }
}
