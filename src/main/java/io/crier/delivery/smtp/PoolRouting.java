package io.crier.delivery.smtp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.campaign.LaunchedCampaign;
import io.crier.delivery.RelayPools;

/**
 * Which relay pool each sending campaign's mail goes through: the workspace's rule for the
 * campaign, else for its From domain, else for the whole workspace, else the default pool. A rule
 * naming a pool the workspace may no longer use (the configuration changed since) is passed over
 * for the next one. Rules are re-read at most every {@link #MAX_AGE}, or on this node at once when
 * one changes, so other nodes follow a change within that.
 */
@Component
public class PoolRouting {

    static final Duration MAX_AGE = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(PoolRouting.class);

    private final RelayRouteRepository routes;
    private final RelayPools pools;
    private volatile Map<UUID, List<RelayRoute>> rules = Map.of();
    private volatile Set<UUID> readFor = Set.of();
    private volatile long readAtNanos = Long.MIN_VALUE / 2;
    /** Rules already warned about: the dispatcher routes many times a second. */
    private final Set<UUID> warned = ConcurrentHashMap.newKeySet();

    PoolRouting(RelayRouteRepository routes, RelayPools pools) {
        this.routes = routes;
        this.pools = pools;
    }

    /** The campaigns grouped by the pool their mail goes through, in their given order. */
    public Map<String, List<LaunchedCampaign>> byPool(List<LaunchedCampaign> campaigns) {
        Map<UUID, List<RelayRoute>> current = rulesOf(campaigns);
        return campaigns.stream().collect(Collectors.groupingBy(
                campaign -> poolOf(campaign, current.getOrDefault(campaign.workspaceId(), List.of())),
                LinkedHashMap::new, Collectors.toList()));
    }

    /** Read again on the next {@link #byPool}. */
    void markStale() {
        readAtNanos = Long.MIN_VALUE / 2;
    }

    private Map<UUID, List<RelayRoute>> rulesOf(List<LaunchedCampaign> campaigns) {
        Set<UUID> workspaces = campaigns.stream().map(LaunchedCampaign::workspaceId).collect(Collectors.toSet());
        if (System.nanoTime() - readAtNanos > MAX_AGE.toNanos() || !readFor.containsAll(workspaces)) {
            rules = routes.ofWorkspaces(workspaces).stream().collect(Collectors.groupingBy(
                    RelayRouteRepository.RouteOf::workspaceId,
                    Collectors.mapping(RelayRouteRepository.RouteOf::route, Collectors.toList())));
            readFor = workspaces;
            readAtNanos = System.nanoTime();
        }
        return rules;
    }

    /** The pool a campaign of the workspace sending From {@code email} goes through, with no rule of its own. */
    public String poolOfSender(UUID workspaceId, String email) {
        return poolOfCampaign(workspaceId, null, email);
    }

    /** The pool the campaign's mail goes through, read from the workspace's rules now. */
    public String poolOfCampaign(UUID workspaceId, UUID campaignId, String fromEmail) {
        return poolOf(workspaceId, campaignId, fromEmail, routes.of(workspaceId));
    }

    private String poolOf(LaunchedCampaign campaign, List<RelayRoute> workspaceRules) {
        return poolOf(campaign.workspaceId(), campaign.id(), campaign.content().fromEmail(), workspaceRules);
    }

    private String poolOf(UUID workspaceId, UUID campaignId, String fromEmail, List<RelayRoute> workspaceRules) {
        String domain = domainOf(fromEmail);
        return rule(workspaceRules, workspaceId, route -> campaignId != null && campaignId.equals(route.campaignId()))
                .or(() -> rule(workspaceRules, workspaceId,
                        route -> domain != null && domain.equals(route.senderDomain())))
                .or(() -> rule(workspaceRules, workspaceId, route -> RelayRoute.WORKSPACE.equals(route.appliesTo())))
                .orElseGet(pools::defaultPool);
    }

    private Optional<String> rule(List<RelayRoute> workspaceRules, UUID workspaceId, Predicate<RelayRoute> matches) {
        for (RelayRoute route : workspaceRules) {
            if (matches.test(route)) {
                if (pools.usable(route.pool(), workspaceId)) {
                    return Optional.of(route.pool());
                }
                if (warned.add(route.id())) {
                    log.warn("Routing rule {} of workspace {} names pool {}, which it may not use (or which is no"
                        + " longer configured): passed over", route.id(), workspaceId, route.pool());
                }
            }
        }
        return Optional.empty();
    }

    public static String domainOf(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
