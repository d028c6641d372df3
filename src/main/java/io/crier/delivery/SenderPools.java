package io.crier.delivery;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.delivery.smtp.PoolRouting;
import io.crier.delivery.smtp.RelayRoutes;

/**
 * Relay pools as a dialect shows them to a workspace: the pools it may use, the pool a From
 * address's mail goes through, and a campaign routed to a pool of its own (Leadterra's sender
 * pools).
 */
@Service
public class SenderPools {

    private final RelayPools pools;
    private final PoolRouting routing;
    private final RelayRoutes routes;

    SenderPools(RelayPools pools, PoolRouting routing, RelayRoutes routes) {
        this.pools = pools;
        this.routing = routing;
        this.routes = routes;
    }

    public List<RelayPools.PoolSummary> usableBy(UUID workspaceId) {
        return pools.usableBy(workspaceId);
    }

    /** The pool mail From {@code email} goes through by the workspace's rules (its domain's, its own, or the default). */
    public String poolOf(UUID workspaceId, String email) {
        return routing.poolOfSender(workspaceId, email);
    }

    /**
     * Routes the campaign's mail through the pool; a pool the workspace may not use is refused
     * naming {@code pool}, and a campaign already routed with a 409.
     */
    public void route(UUID workspaceId, UUID campaignId, String pool) {
        routes.create(workspaceId, pool, campaignId.toString(), null);
    }
}
