package io.crier.audience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** Unsubscribe groups, and who left them: the {@code unsubscribed} members of each group's list. */
@Repository
class UnsubscribeGroupRepository {

    /** A row of the group's leavers, as AutoSend's suppression entry shows it. */
    record Entry(UUID contactId, String email, UUID groupId, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    UnsubscribeGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UnsubscribeGroup group) {
        jdbc.sql("""
                insert into unsubscribe_group (id, workspace_id, name, description, active, list_id, created_at, updated_at)
                values (:id, :workspaceId, :name, :description, :active, :listId, :createdAt, :updatedAt)""")
                .param("id", group.id())
                .param("workspaceId", group.workspaceId())
                .param("name", group.name())
                .param("description", group.description())
                .param("active", group.isActive())
                .param("listId", group.listId())
                .param("createdAt", Timestamps.toDb(group.createdAt()))
                .param("updatedAt", Timestamps.toDb(group.updatedAt()))
                .update();
    }

    void update(UnsubscribeGroup group) {
        jdbc.sql("""
                update unsubscribe_group set name = :name, description = :description, active = :active,
                       updated_at = :updatedAt
                where id = :id""")
                .param("id", group.id())
                .param("name", group.name())
                .param("description", group.description())
                .param("active", group.isActive())
                .param("updatedAt", Timestamps.toDb(group.updatedAt()))
                .update();
    }

    Optional<UnsubscribeGroup> find(UUID workspaceId, UUID id) {
        return jdbc.sql("select * from unsubscribe_group where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .query(UnsubscribeGroupRepository::group)
                .optional();
    }

    List<UnsubscribeGroup> all(UUID workspaceId) {
        return jdbc.sql("select * from unsubscribe_group where workspace_id = :workspaceId order by created_at, id")
                .param("workspaceId", workspaceId)
                .query(UnsubscribeGroupRepository::group)
                .list();
    }

    /** The groups whose list has the contact as an {@code unsubscribed} member. */
    Set<UUID> left(UUID contactId) {
        return Set.copyOf(jdbc.sql("""
                select g.id from unsubscribe_group g join list_member m on m.list_id = g.list_id
                where m.contact_id = :contactId and m.status = 'unsubscribed'""")
                .param("contactId", contactId)
                .query(UUID.class)
                .list());
    }

    /** Which of these (stored-form) addresses left the group. */
    Set<String> leftAmong(UUID workspaceId, UUID groupId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select c.email from contact c where c.workspace_id = :workspaceId and c.email in (:emails) and "
                        + UnsubscribeGroups.LEFT_GROUP)
                .param("workspaceId", workspaceId)
                .param("emails", emails)
                .param(UnsubscribeGroups.GROUP_PARAM, groupId)
                .query(String.class)
                .list());
    }

    List<Entry> entries(UUID groupId, Instant from, Instant to, long offset, int limit) {
        return jdbc.sql("""
                select c.id, c.email, m.status_at from unsubscribe_group g
                join list_member m on m.list_id = g.list_id join contact c on c.id = m.contact_id
                where g.id = :groupId and m.status = 'unsubscribed' %s
                order by m.status_at desc, c.id limit :limit offset :offset""".formatted(period(from, to)))
                .param("groupId", groupId)
                .params(periodParams(from, to))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new Entry(rs.getObject("id", UUID.class), rs.getString("email"), groupId,
                        Timestamps.read(rs, "status_at")))
                .list();
    }

    long countEntries(UUID groupId, Instant from, Instant to) {
        return jdbc.sql("""
                select count(*) from unsubscribe_group g join list_member m on m.list_id = g.list_id
                where g.id = :groupId and m.status = 'unsubscribed' %s""".formatted(period(from, to)))
                .param("groupId", groupId)
                .params(periodParams(from, to))
                .query(Long.class)
                .single();
    }

    private static String period(Instant from, Instant to) {
        return (from == null ? "" : " and m.status_at >= :from") + (to == null ? "" : " and m.status_at < :to");
    }

    private static Map<String, Object> periodParams(Instant from, Instant to) {
        Map<String, Object> params = new HashMap<>();
        if (from != null) {
            params.put("from", Timestamps.toDb(from));
        }
        if (to != null) {
            params.put("to", Timestamps.toDb(to));
        }
        return params;
    }

    private static UnsubscribeGroup group(ResultSet rs, int row) throws SQLException {
        return new UnsubscribeGroup(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getString("name"), rs.getString("description"), rs.getBoolean("active"),
                rs.getObject("list_id", UUID.class), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"));
    }
}
