package io.crier.dkim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** The dkim_key table; every query is scoped to a workspace. */
@Repository
class DkimKeyRepository {

    /** A stored key, private half included: for signing and for showing its public record. */
    record StoredKey(UUID id, String domain, String selector, String privateKeyPem, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    DkimKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID workspaceId, StoredKey key) {
        jdbc.sql("""
                insert into dkim_key (id, workspace_id, domain, selector, private_key, created_at)
                values (:id, :workspaceId, :domain, :selector, :privateKey, :createdAt)""")
                .param("id", key.id())
                .param("workspaceId", workspaceId)
                .param("domain", key.domain())
                .param("selector", key.selector())
                .param("privateKey", key.privateKeyPem())
                .param("createdAt", Timestamps.toDb(key.createdAt()))
                .update();
    }

    List<StoredKey> all(UUID workspaceId) {
        return jdbc.sql("select * from dkim_key where workspace_id = :workspaceId order by domain")
                .param("workspaceId", workspaceId)
                .query(DkimKeyRepository::key)
                .list();
    }

    Optional<StoredKey> forDomain(UUID workspaceId, String domain) {
        return jdbc.sql("select * from dkim_key where workspace_id = :workspaceId and domain = :domain")
                .param("workspaceId", workspaceId)
                .param("domain", domain)
                .query(DkimKeyRepository::key)
                .optional();
    }

    Optional<StoredKey> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from dkim_key where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(DkimKeyRepository::key)
                .optional();
    }

    void delete(UUID workspaceId, UUID id) {
        jdbc.sql("delete from dkim_key where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update();
    }

    private static StoredKey key(ResultSet rs, int row) throws SQLException {
        return new StoredKey(rs.getObject("id", UUID.class), rs.getString("domain"), rs.getString("selector"),
                rs.getString("private_key"), Timestamps.read(rs, "created_at"));
    }
}
