package io.crier.dkim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.SealedColumn;
import io.crier.shared.SecretBox;
import io.crier.shared.Timestamps;

/**
 * The dkim_key table; every query is scoped to a workspace. Private keys are sealed with the master
 * key at rest; on start, any still plaintext or sealed under an older master key are sealed anew.
 */
@Repository
class DkimKeyRepository implements SmartInitializingSingleton {

    /** A stored key, private half included: for signing and for showing its public record. */
    record StoredKey(UUID id, String domain, String selector, String privateKeyPem, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final SealedColumn privateKeys;

    DkimKeyRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.privateKeys = new SealedColumn(box, jdbc, "dkim_key", "private_key");
    }

    @Override
    public void afterSingletonsInstantiated() {
        privateKeys.resealAll();
    }

    void insert(UUID workspaceId, StoredKey key) {
        jdbc.sql("""
                insert into dkim_key (id, workspace_id, domain, selector, private_key, created_at)
                values (:id, :workspaceId, :domain, :selector, :privateKey, :createdAt)""")
                .param("id", key.id())
                .param("workspaceId", workspaceId)
                .param("domain", key.domain())
                .param("selector", key.selector())
                .param("privateKey", privateKeys.seal(key.privateKeyPem(), key.id()))
                .param("createdAt", Timestamps.toDb(key.createdAt()))
                .update();
    }

    long count(UUID workspaceId) {
        return jdbc.sql("select count(*) from dkim_key where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId)
                .query(Long.class)
                .single();
    }

    List<StoredKey> all(UUID workspaceId) {
        return jdbc.sql("select * from dkim_key where workspace_id = :workspaceId order by domain")
                .param("workspaceId", workspaceId)
                .query(this::key)
                .list();
    }

    Optional<StoredKey> forDomain(UUID workspaceId, String domain) {
        return jdbc.sql("select * from dkim_key where workspace_id = :workspaceId and domain = :domain")
                .param("workspaceId", workspaceId)
                .param("domain", domain)
                .query(this::key)
                .optional();
    }

    Optional<StoredKey> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from dkim_key where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(this::key)
                .optional();
    }

    void delete(UUID workspaceId, UUID id) {
        jdbc.sql("delete from dkim_key where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update();
    }

    private StoredKey key(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new StoredKey(id, rs.getString("domain"), rs.getString("selector"),
                privateKeys.open(rs.getString("private_key"), id), Timestamps.read(rs, "created_at"));
    }
}
