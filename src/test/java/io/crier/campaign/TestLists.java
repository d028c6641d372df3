package io.crier.campaign;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.shared.Timestamps;

/**
 * Lists with members for campaign tests, made with plain SQL: the list and contact API belongs to
 * the audience module, and campaigns only read lists through {@code AudienceLists}.
 */
final class TestLists {

    private final JdbcClient jdbc;
    private final UUID workspaceId;

    TestLists(JdbcClient jdbc, String workspaceId) {
        this.jdbc = jdbc;
        this.workspaceId = UUID.fromString(workspaceId);
    }

    /** A new list of {@code members} fresh contacts; returns its id. */
    String create(String name, int members) {
        UUID listId = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into contact_list (id, workspace_id, name, member_count, created_at, updated_at)
                values (:id, :workspaceId, :name, :members, :now, :now)""")
                .param("id", listId)
                .param("members", members)
                .param("workspaceId", workspaceId)
                .param("name", name)
                .param("now", Timestamps.toDb(now))
                .update();
        for (int i = 0; i < members; i++) {
            UUID contactId = UUID.randomUUID();
            jdbc.sql("""
                    insert into contact (id, workspace_id, email, created_at, updated_at)
                    values (:id, :workspaceId, :email, :now, :now)""")
                    .param("id", contactId)
                    .param("workspaceId", workspaceId)
                    .param("email", contactId + "@example.com")
                    .param("now", Timestamps.toDb(now))
                    .update();
            jdbc.sql("insert into list_member (list_id, contact_id, added_at) values (:listId, :contactId, :now)")
                    .param("listId", listId)
                    .param("contactId", contactId)
                    .param("now", Timestamps.toDb(now))
                    .update();
        }
        return listId.toString();
    }
}
