package io.crier.audience;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules may ask about lists. */
@Service
public class AudienceLists {

    private final JdbcClient jdbc;

    AudienceLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The workspace's lists among {@code ids}, keyed by id; ids of no list in this workspace are absent. */
    public Map<UUID, ListSummary> find(UUID workspaceId, Collection<UUID> ids) {
        Map<UUID, ListSummary> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select l.id, l.name, (select count(*) from list_member m where m.list_id = l.id) as contact_count
                from contact_list l where l.workspace_id = :workspaceId and l.id in (:ids)""")
                .param("workspaceId", workspaceId)
                .param("ids", ids)
                .query((rs, row) -> new ListSummary(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getLong("contact_count")))
                .list()
                .forEach(summary -> found.put(summary.id(), summary));
        return found;
    }
}
