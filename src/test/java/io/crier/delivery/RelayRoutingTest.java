package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PoolRelaysConfiguration.PoolRelays;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer;

/**
 * Routing rules over the test context's pools: the default relay, {@code bulk} and
 * {@code priority}, each a loopback SMTP server of its own that records what it gets. A campaign's
 * mail reaches only the relay of the pool its most specific rule names.
 */
class RelayRoutingTest extends ClockedEngineCase {

    @Autowired
    PoolRelays pools;

    @Test
    void aCampaignRoutedBySenderDomainReachesOnlyItsPoolsRelay() {
        String domain = "news-" + tag + ".example";
        caller.post("/v1/relay-routes", Map.of("senderDomain", domain.toUpperCase(), "pool", "bulk")).expect(201);
        List<String> routed = addresses("routed", 5);
        List<String> unrouted = addresses("unrouted", 5);

        String routedCampaign = sendFrom("hello@" + domain, routed);
        String unroutedCampaign = sendFrom("hello@other-" + tag + ".example", unrouted);
        Eventually.status(caller, routedCampaign, "sent");
        Eventually.status(caller, unroutedCampaign, "sent");

        assertThat(recipients(pools.bulk())).containsExactlyInAnyOrderElementsOf(routed);
        assertThat(recipients(smtp)).containsExactlyInAnyOrderElementsOf(unrouted);
        assertThat(recipients(pools.priority())).isEmpty();
    }

    @Test
    void theCampaignsRuleBeatsItsSenderDomainsWhichBeatsTheWorkspaces() {
        String domain = "mail-" + tag + ".example";
        caller.post("/v1/relay-routes", Map.of("pool", "priority")).expect(201);
        caller.post("/v1/relay-routes", Map.of("senderDomain", domain, "pool", "bulk")).expect(201);
        List<String> byCampaign = addresses("campaign", 3);
        List<String> byDomain = addresses("domain", 3);
        List<String> byWorkspace = addresses("workspace", 3);
        String campaignRouted = campaign("a@" + domain, byCampaign);
        caller.post("/v1/relay-routes", Map.of("campaignId", campaignRouted, "pool", "default")).expect(201);

        send(campaignRouted);
        String domainRouted = sendFrom("b@" + domain, byDomain);
        String workspaceRouted = sendFrom("c@elsewhere-" + tag + ".example", byWorkspace);
        for (String id : List.of(campaignRouted, domainRouted, workspaceRouted)) {
            Eventually.status(caller, id, "sent");
        }

        assertThat(recipients(smtp)).containsExactlyInAnyOrderElementsOf(byCampaign);
        assertThat(recipients(pools.bulk())).containsExactlyInAnyOrderElementsOf(byDomain);
        assertThat(recipients(pools.priority())).containsExactlyInAnyOrderElementsOf(byWorkspace);
    }

    @Test
    void aWorkspaceSeesAndRoutesToOnlyThePoolsItMayUse() {
        Reply listed = caller.get("/v1/relay-pools").expect(200);
        Set<String> names = new HashSet<>();
        listed.data().path("pools").forEach(pool -> names.add(pool.path("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("default", "bulk", "priority", "metered", "observed");
        assertThat(listed.body()).doesNotContain("127.0.0.1").doesNotContain("relays");

        caller.post("/v1/relay-routes", Map.of("pool", "reserved")).expectInvalidField("pool");
        caller.post("/v1/relay-routes", Map.of("pool", "nowhere")).expectInvalidField("pool");
        caller.post("/v1/relay-routes", Map.of("pool", "bulk", "senderDomain", "not a domain"))
                .expectInvalidField("senderDomain");
        String foreignCampaign = campaign(Api.at(port).newWorkspace(), "x@crier.test", addresses("foreign", 1));
        caller.post("/v1/relay-routes", Map.of("pool", "bulk", "campaignId", foreignCampaign))
                .expectInvalidField("campaignId");

        String id = caller.post("/v1/relay-routes", Map.of("pool", "bulk")).expect(201).data().path("id").asString();
        caller.post("/v1/relay-routes", Map.of("pool", "priority")).expectError(409, "CONFLICT");
        assertThat(caller.get("/v1/relay-routes").expect(200).data().path("routes").size()).isEqualTo(1);
        caller.delete("/v1/relay-routes/" + id).expect(200);
        caller.delete("/v1/relay-routes/" + id).expectError(404, "RELAY_ROUTE_NOT_FOUND");
    }

    @Test
    void settingOrRemovingARoutingRuleNeedsTheAdminScope() {
        Caller writer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "writer", "scopes",
                List.of("read", "write", "send"))).expect(201).data().path("key").asString());
        writer.post("/v1/relay-routes", Map.of("pool", "bulk")).expectError(403, "FORBIDDEN");
        String id = caller.post("/v1/relay-routes", Map.of("pool", "bulk")).expect(201).data().path("id").asString();
        writer.delete("/v1/relay-routes/" + id).expectError(403, "FORBIDDEN");
        assertThat(writer.get("/v1/relay-routes").expect(200).data().path("routes").size()).isEqualTo(1);
    }

    private String sendFrom(String from, List<String> emails) {
        String id = campaign(from, emails);
        send(id);
        return id;
    }

    private void send(String id) {
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
    }

    private String campaign(String from, List<String> emails) {
        return campaign(caller, from, emails);
    }

    private static String campaign(Caller owner, String from, List<String> emails) {
        Map<String, Object> settings = new HashMap<>(Map.of("from", Map.of("email", from, "name", "Routed")));
        return Audiences.campaign(owner, settings, Audiences.list(owner, emails));
    }

    private List<String> recipients(ScriptedSmtpServer server) {
        return server.received().stream().map(ScriptedSmtpServer.Received::recipient)
                .filter(recipient -> recipient.endsWith("-" + tag + "@example.org")).toList();
    }
}
