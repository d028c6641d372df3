package io.crier.delivery.smtp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** The relay_route table; every query but the engine's is scoped to one workspace. */
@Repository
class RelayRouteRepository {

    private final JdbcClient jdbc;

    RelayRouteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID workspaceId, RelayRoute route) {
        jdbc.sql("""
                insert into relay_route (id, workspace_id, match_key, campaign_id, sender_domain, pool, created_at)
                values (:id, :workspaceId, :matchKey, :campaignId, :senderDomain, :pool, :createdAt)""")
                .param("id", route.id())
                .param("workspaceId", workspaceId)
                .param("matchKey", route.matchKey())
                .param("campaignId", route.campaignId())
                .param("senderDomain", route.senderDomain())
                .param("pool", route.pool())
                .param("createdAt", Timestamps.toDb(route.createdAt()))
                .update();
    }

    boolean exists(UUID workspaceId, String matchKey) {
        return jdbc.sql("select count(*) from relay_route where workspace_id = :workspaceId and match_key = :matchKey")
                .param("workspaceId", workspaceId)
                .param("matchKey", matchKey)
                .query(Long.class)
                .single() > 0;
    }

    List<RelayRoute> of(UUID workspaceId) {
        return jdbc.sql("select * from relay_route where workspace_id = :workspaceId order by created_at, id")
                .param("workspaceId", workspaceId)
                .query(RelayRouteRepository::route)
                .list();
    }

    /** The rules of these workspaces, for the dispatcher's routing. */
    List<RouteOf> ofWorkspaces(Collection<UUID> workspaceIds) {
        if (workspaceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from relay_route where workspace_id in (:ids)")
                .param("ids", workspaceIds)
                .query((rs, n) -> new RouteOf(rs.getObject("workspace_id", UUID.class), route(rs, n)))
                .list();
    }

    boolean delete(UUID workspaceId, UUID id) {
        return jdbc.sql("delete from relay_route where workspace_id = :workspaceId and id = :id")
                .param("workspaceId", workspaceId)
                .param("id", id)
                .update() > 0;
    }

    /** A rule with the workspace it belongs to. */
    record RouteOf(UUID workspaceId, RelayRoute route) {
    }

    private static RelayRoute route(ResultSet rs, int row) throws SQLException {
        UUID campaignId = rs.getObject("campaign_id", UUID.class);
        String domain = rs.getString("sender_domain");
        String appliesTo = campaignId != null ? RelayRoute.CAMPAIGN
                : domain != null ? RelayRoute.SENDER_DOMAIN : RelayRoute.WORKSPACE;
        return new RelayRoute(rs.getObject("id", UUID.class), appliesTo, campaignId, domain, rs.getString("pool"),
                Timestamps.read(rs, "created_at"));
    }
}
