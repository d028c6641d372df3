package io.crier.sender;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** The sender table; every query is scoped to a workspace. */
@Repository
class SenderRepository {

    private final JdbcClient jdbc;

    SenderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the sender; a {@code DuplicateKeyException} if the workspace has its address already. */
    void insert(UUID workspaceId, Sender sender) {
        jdbc.sql("""
                insert into sender (id, workspace_id, email, name, reply_to, default_of, created_at)
                values (:id, :workspaceId, :email, :name, :replyTo, :defaultOf, :createdAt)""")
                .param("id", sender.id())
                .param("workspaceId", workspaceId)
                .param("email", sender.email())
                .param("name", sender.name())
                .param("replyTo", sender.replyTo())
                .param("defaultOf", sender.isDefault() ? workspaceId : null)
                .param("createdAt", Timestamps.toDb(sender.createdAt()))
                .update();
    }

    long count(UUID workspaceId) {
        return jdbc.sql("select count(*) from sender where workspace_id = :workspaceId")
                .param("workspaceId", workspaceId).query(Long.class).single();
    }

    List<Sender> all(UUID workspaceId) {
        return jdbc.sql("select * from sender where workspace_id = :workspaceId order by created_at, id")
                .param("workspaceId", workspaceId).query(this::sender).list();
    }

    Optional<Sender> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from sender where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId).param("id", id).query(this::sender).optional();
    }

    Optional<Sender> findDefault(UUID workspaceId) {
        return jdbc.sql("select * from sender where default_of = :workspaceId")
                .param("workspaceId", workspaceId).query(this::sender).optional();
    }

    /** Clears the workspace's default; the caller then sets another in the same transaction. */
    void clearDefault(UUID workspaceId) {
        jdbc.sql("update sender set default_of = null where default_of = :workspaceId")
                .param("workspaceId", workspaceId).update();
    }

    /** Makes the sender the workspace's default; the caller cleared the one before in the same transaction. */
    void setDefault(UUID workspaceId, UUID id) {
        jdbc.sql("update sender set default_of = workspace_id where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId).param("id", id).update();
    }

    /** Makes the workspace's oldest sender its default, if it has one and no default. */
    void defaultToOldest(UUID workspaceId) {
        jdbc.sql("""
                update sender set default_of = workspace_id
                where id = (select id from sender where workspace_id = :workspaceId
                            order by created_at, id fetch first 1 row only)
                  and not exists (select 1 from sender where default_of = :workspaceId)""")
                .param("workspaceId", workspaceId).update();
    }

    void delete(UUID workspaceId, UUID id) {
        jdbc.sql("delete from sender where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId).param("id", id).update();
    }

    private Sender sender(ResultSet rs, int row) throws SQLException {
        return new Sender(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("reply_to"), rs.getObject("default_of") != null, Timestamps.read(rs, "created_at"));
    }
}
