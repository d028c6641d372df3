package io.crier.delivery.smtp;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.crier.delivery.RelayPools;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


/**
 * The relay pools a workspace may use, and its routing rules among them. Pools themselves are the
 * installation's configuration ({@code crier.smtp.pools}): no API call makes or changes a relay.
 */
@Tag(name = "Relay routing", description = "The relay pools a workspace may use, and which of its mail goes through"
        + " which: by campaign, by sender domain, or for the whole workspace")
@RestController
class RelayRouteController {

    /** Neither campaignId nor senderDomain: the rule covers all the workspace's mail. */
    record CreateRoute(@NotBlank @Size(max = 100) String pool, @Size(max = 36) String campaignId,
            @Size(max = 253) String senderDomain) {
    }

    private final RelayRoutes routes;
    private final RelayPools pools;

    RelayRouteController(RelayRoutes routes, RelayPools pools) {
        this.routes = routes;
        this.pools = pools;
    }

    @GetMapping("/v1/relay-pools")
    ApiResponse<Map<String, List<RelayPools.PoolSummary>>> pools(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(Map.of("pools", pools.usableBy(caller.workspaceId())));
    }

    @PostMapping("/v1/relay-routes")
    ResponseEntity<ApiResponse<RelayRoute>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateRoute request) {
        RelayRoute route = routes.create(caller.workspaceId(), request.pool(), request.campaignId(),
                request.senderDomain());
        return ResponseEntity.created(URI.create("/v1/relay-routes/" + route.id())).body(ApiResponse.of(route,
                "Routing rule stored: matching mail goes through pool " + route.pool() + " from now on"));
    }

    @GetMapping("/v1/relay-routes")
    ApiResponse<Map<String, List<RelayRoute>>> list(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(Map.of("routes", routes.list(caller.workspaceId())));
    }

    @DeleteMapping("/v1/relay-routes/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        routes.delete(caller.workspaceId(), id);
        return ApiResponse.message("Routing rule deleted; its mail follows the next rule that matches it");
    }
}
