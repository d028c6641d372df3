package io.crier.compat.leadterra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PoolRelaysConfiguration.PoolRelays;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer;
import tools.jackson.databind.JsonNode;

/**
 * Leadterra's sender pools and sender accounts over the test context's relay pools (the default
 * relay, {@code bulk}, {@code priority}, {@code metered} with a daily volume of 3, and
 * {@code reserved}, which no test's workspace may use), and a Leadterra campaign that names its
 * pool.
 */
class LeadterraSenderPoolsTest extends ClockedEngineCase {

    @Autowired
    PoolRelays pools;

    @Test
    void thePoolsCountTheSendersRoutedToEachAndEachSenderAccountNamesItsPool() {
        String routedDomain = "out-" + tag + ".example";
        String routed = caller.post("/v1/senders", Map.of("email", "ann@" + routedDomain, "name", "Ann"))
                .expect(201).data().path("sender").path("id").asString();
        caller.post("/v1/senders", Map.of("email", "bob@other-" + tag + ".example", "name", "Bob")).expect(201);
        caller.post("/v1/relay-routes", Map.of("senderDomain", routedDomain, "pool", "bulk")).expect(201);

        JsonNode answer = caller.get("/leadterra/v1/sender-pools").expect(200).json();
        Map<String, JsonNode> byId = new HashMap<>();
        answer.path("pools").forEach(pool -> byId.put(pool.path("id").asString(), pool));
        assertThat(byId).containsOnlyKeys("default", "bulk", "priority", "metered", "observed");
        assertThat(byId.get("bulk").path("senderCount").asLong()).isEqualTo(1);
        assertThat(byId.get("default").path("senderCount").asLong()).isEqualTo(1);
        assertThat(byId.get("priority").path("senderCount").asLong()).isZero();
        assertThat(byId.get("metered").path("dailyCapacity").asLong()).isEqualTo(3);
        assertThat(byId.get("metered").path("remainingVolume").asLong()).isBetween(0L, 3L)
                .isEqualTo(byId.get("metered").path("remainingToday").asLong());
        assertThat(byId.get("default").path("dailyCapacity").isNull()).as("the default pool has no daily volume").isTrue();
        assertThat(answer.path("senderPools")).as("the quickstart's name for the same list").isEqualTo(answer.path("pools"));
        assertThat(answer.toString()).doesNotContain("127.0.0.1");

        Map<String, JsonNode> accounts = new HashMap<>();
        caller.get("/leadterra/v1/sender-accounts").expect(200).json().path("senderAccounts")
                .forEach(account -> accounts.put(account.path("name").asString(), account));
        assertThat(accounts).containsOnlyKeys("Ann", "Bob");
        assertThat(accounts.get("Ann").path("id").asString()).isEqualTo(routed);
        assertThat(accounts.get("Ann").path("senderPoolId").asString()).isEqualTo("bulk");
        assertThat(accounts.get("Ann").path("isDefault").asBoolean()).as("the first sender").isTrue();
        assertThat(accounts.get("Bob").path("senderPoolId").asString()).isEqualTo("default");
    }

    @Test
    void aCampaignThatNamesItsPoolSendsOnlyThroughItAndAPoolItMayNotUseIsRefused() {
        caller.post("/v1/senders", Map.of("email", "outreach@" + tag + ".example", "name", "Outreach")).expect(201);
        List<String> leads = addresses("lead", 3);

        Reply refused = caller.post(LeadterraApiTest.CAMPAIGNS, campaign("reserved"));
        refused.expect(400);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("invalid_request");
        assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("senderPoolId");

        String id = caller.post(LeadterraApiTest.CAMPAIGNS, campaign("priority")).expect(201).json().path("id").asString();
        caller.post(LeadterraApiTest.CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads", leads.stream()
                .map(email -> Map.of("email", email)).toList())).expect(200);
        caller.post(LeadterraApiTest.CAMPAIGNS + "/" + id + "/start").expect(200);

        Eventually.await("the leads mailed through the priority pool", Duration.ofSeconds(30),
                () -> recipients(pools.priority()), received -> received.size() == leads.size());
        assertThat(recipients(pools.priority())).containsExactlyInAnyOrderElementsOf(leads);
        assertThat(recipients(smtp)).isEmpty();
        assertThat(recipients(pools.bulk())).isEmpty();
    }

    private static Map<String, Object> campaign(String pool) {
        return Map.of("name", "Pooled", "senderPoolId", pool, "sequenceSteps",
                List.of(Map.of("subject", "Hello", "bodyHtml", "<p>Hi</p>", "delayDays", 0)));
    }

    private List<String> recipients(ScriptedSmtpServer server) {
        return server.received().stream().map(ScriptedSmtpServer.Received::recipient)
                .filter(recipient -> recipient.endsWith("-" + tag + "@example.org")).toList();
    }
}
