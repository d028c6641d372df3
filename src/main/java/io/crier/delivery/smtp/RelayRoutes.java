package io.crier.delivery.smtp;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.campaign.Campaigns;
import io.crier.delivery.RelayPools;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * A workspace's routing rules as its API sets them: each names a pool the workspace may use, for
 * one of its campaigns, for a From domain, or for all its mail, one rule per match.
 */
@Service
public class RelayRoutes {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private final RelayRouteRepository repository;
    private final RelayPools pools;
    private final PoolRouting routing;
    private final Campaigns campaigns;
    private final Clock clock;

    RelayRoutes(RelayRouteRepository repository, RelayPools pools, PoolRouting routing, Campaigns campaigns,
            Clock clock) {
        this.repository = repository;
        this.pools = pools;
        this.routing = routing;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public RelayRoute create(UUID workspaceId, String pool, String campaignId, String senderDomain) {
        if (pool == null || !pools.usable(pool, workspaceId)) {
            throw ApiException.invalid("pool", "names no pool this workspace may use; GET /v1/relay-pools lists them");
        }
        if (campaignId != null && senderDomain != null) {
            throw ApiException.invalid("senderDomain", "give campaignId or senderDomain, not both");
        }
        RelayRoute route = RelayRoute.of(campaignId == null ? null : campaignOf(workspaceId, campaignId),
                senderDomain == null ? null : domain(senderDomain), pool, Timestamps.now(clock));
        if (repository.exists(workspaceId, route.matchKey())) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "This workspace already has a routing"
                    + " rule for this " + route.appliesTo() + "; delete it first");
        }
        repository.insert(workspaceId, route);
        routing.markStale();
        return route;
    }

    List<RelayRoute> list(UUID workspaceId) {
        return repository.of(workspaceId);
    }

    void delete(UUID workspaceId, String id) {
        if (!Ids.parse(id).map(routeId -> repository.delete(workspaceId, routeId)).orElse(false)) {
            throw ApiException.notFound("RELAY_ROUTE", "Routing rule");
        }
        routing.markStale();
    }

    /** The campaign's id when it is the workspace's; another's is answered as unknown. */
    private UUID campaignOf(UUID workspaceId, String campaignId) {
        try {
            return campaigns.get(workspaceId, campaignId).id();
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            throw ApiException.invalid("campaignId", "names no campaign of this workspace");
        }
    }

    private static String domain(String senderDomain) {
        String domain = senderDomain.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw ApiException.invalid("senderDomain", "must be a domain name such as example.com");
        }
        return domain;
    }
}
