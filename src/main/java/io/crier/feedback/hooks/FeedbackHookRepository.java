package io.crier.feedback.hooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.PageQuery;
import io.crier.shared.SealedColumn;
import io.crier.shared.SecretBox;
import io.crier.shared.Timestamps;
import io.crier.shared.WorkspaceRows;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feedback_hook table and the Mailgun tokens already taken. Hooks are found by the SHA-256 of
 * their token; their verification material is sealed with the master key and sealed anew on start
 * when the key changed.
 */
@Repository
class FeedbackHookRepository implements SmartInitializingSingleton {

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;
    private final SealedColumn materials;
    private final JsonMapper json;

    FeedbackHookRepository(JdbcClient jdbc, SecretBox box, JsonMapper json) {
        this.jdbc = jdbc;
        this.rows = WorkspaceRows.of(jdbc, "feedback_hook");
        this.materials = new SealedColumn(box, jdbc, "feedback_hook", "material");
        this.json = json;
    }

    @Override
    public void afterSingletonsInstantiated() {
        materials.resealAll();
    }

    void insert(UUID workspaceId, FeedbackHook hook, String tokenHash, HookMaterial material) {
        jdbc.sql("""
                insert into feedback_hook (id, workspace_id, provider, token_hash, material, created_at)
                values (:id, :workspaceId, :provider, :tokenHash, :material, :createdAt)""")
                .param("id", hook.id())
                .param("workspaceId", workspaceId)
                .param("provider", hook.provider().wire())
                .param("tokenHash", tokenHash)
                .param("material", materials.seal(json.writeValueAsString(material), hook.id()))
                .param("createdAt", Timestamps.toDb(hook.createdAt()))
                .update();
    }

    Optional<ActiveHook> byTokenHash(String tokenHash) {
        return jdbc.sql("select id, workspace_id, provider, material from feedback_hook where token_hash = :tokenHash")
                .param("tokenHash", tokenHash)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    HookMaterial material = json.readValue(materials.open(rs.getString("material"), id),
                            HookMaterial.class);
                    return new ActiveHook(id, rs.getObject("workspace_id", UUID.class),
                            HookProvider.of(rs.getString("provider")), material);
                })
                .optional();
    }

    Optional<FeedbackHook> find(UUID workspaceId, UUID id) {
        return rows.find(workspaceId, id, FeedbackHookRepository::hook);
    }

    List<FeedbackHook> page(UUID workspaceId, PageQuery query) {
        return rows.page(workspaceId, query, FeedbackHookRepository::hook);
    }

    long count(UUID workspaceId) {
        return rows.count(workspaceId);
    }

    boolean delete(UUID workspaceId, UUID id) {
        return rows.delete(workspaceId, id);
    }

    /**
     * Records a provider's one-time token for the hook; false when it was taken before. Runs in
     * no transaction of its own, so a duplicate on PostgreSQL fails only this statement.
     */
    boolean takeNonce(UUID hookId, String nonce, Instant at) {
        try {
            jdbc.sql("insert into feedback_hook_nonce (hook_id, nonce, seen_at) values (:hookId, :nonce, :at)")
                    .param("hookId", hookId)
                    .param("nonce", nonce)
                    .param("at", Timestamps.toDb(at))
                    .update();
            return true;
        } catch (DuplicateKeyException seen) {
            return false;
        }
    }

    /** Forgets tokens taken before {@code before}: their timestamps are refused anyway. */
    void pruneNonces(Instant before) {
        jdbc.sql("delete from feedback_hook_nonce where seen_at < :before")
                .param("before", Timestamps.toDb(before))
                .update();
    }

    private static FeedbackHook hook(ResultSet rs, int row) throws SQLException {
        return new FeedbackHook(rs.getObject("id", UUID.class), HookProvider.of(rs.getString("provider")),
                Timestamps.read(rs, "created_at"));
    }
}
