package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.crier.Endpoint.Body;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * No call of any API starts sending, or changes what a campaign that is no longer a draft sends
 * or to whom, without the {@code send} scope. Every write endpoint of {@code /v1} and of each
 * vendor dialect, as the application maps them, is called by a key holding every other scope of
 * the workspace, with its valid sample body told to start at once wherever a body can say so
 * ({@code publish}, {@code sendNow}, {@code launch}), on a {@link SampleWorkspace} whose campaign
 * is scheduled. Afterwards that campaign sends what it did, to whom it did, and every other
 * campaign of the workspace is a draft.
 */
@CrierApiTest
class SendScopeSweepApiTest {

    private static final List<String> WHAT_IT_SENDS = List.of("status", "subject", "previewText", "html", "text",
            "from", "replyTo", "templateId", "sendMode", "gradual", "scheduledAt", "timezone", "steps",
            "trackingOpen", "trackingClick", "trackReplies", "unsubscribeGroupId");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void noCallOfAnyApiStartsSendingOrChangesAScheduledCampaignWithoutTheSendScope() {
        SampleWorkspace workspace = SampleWorkspace.create(Api.at(port));
        workspace.caller.post("/v1/campaigns/" + workspace.campaign + "/send",
                "{\"scheduledAt\": \"2099-01-01T00:00:00Z\"}").expect(200);
        JsonNode before = whatItSends(workspace.caller.get("/v1/campaigns/" + workspace.campaign).expect(200).data());
        assertThat(before.path("status").asString()).isEqualTo("scheduled");
        Caller withoutSend = workspace.caller.withKey(workspace.caller.post("/v1/api-keys",
                "{\"name\": \"No send\", \"scopes\": [\"read\", \"write\", \"admin\"]}").expect(201).data()
                .path("key").asString());

        SoftAssertions soft = new SoftAssertions();
        for (Endpoint endpoint : Endpoint.all(handlers).stream().filter(Endpoint::writes).toList()) {
            Reply reply = call(endpoint.dialect().caller(withoutSend), endpoint, workspace);
            soft.assertThat(reply.status()).as("%s answered %s", endpoint, reply.body()).isLessThan(500);
        }
        soft.assertAll();

        assertThat(whatItSends(workspace.caller.get("/v1/campaigns/" + workspace.campaign).expect(200).data()))
                .as("the scheduled campaign").isEqualTo(before);
        Map<String, String> others = new LinkedHashMap<>();
        workspace.caller.get("/v1/campaigns?limit=100").expect(200).data().path("campaigns").valueStream()
                .filter(campaign -> !campaign.path("id").asString().equals(workspace.campaign))
                .forEach(campaign -> others.put(campaign.path("name").asString(), campaign.path("status").asString()));
        assertThat(others).as("campaigns the sweep created").isNotEmpty().allSatisfy((name, status) ->
                assertThat(status).as(name).isEqualTo("draft"));
    }

    /** The call with the endpoint's valid sample body, told to start at once where it can be, on the workspace's ids. */
    private static Reply call(Caller caller, Endpoint endpoint, SampleWorkspace workspace) {
        String collection = endpoint.idCollection();
        String id = collection == null ? "" : workspace.idIn(collection);
        String path = endpoint.path(id == null ? "0" : id);
        JsonSample sample = SampleBodies.json(endpoint);
        if (endpoint.body() == Body.NONE || sample == null) {
            return caller.request(endpoint.method(), path, null);
        }
        String startingAtOnce = workspace.fill(sample.json()).replace("\"publish\": false", "\"publish\": true")
                .replace("\"sendNow\": false", "\"sendNow\": true").replace("\"launch\": false", "\"launch\": true");
        return caller.raw(endpoint.method(), path, endpoint.contentType().toString(), startingAtOnce);
    }

    /** What a campaign sends, to whom and when: its content, sender, lists (by id), timing and status. */
    private static JsonNode whatItSends(JsonNode campaign) {
        ObjectNode sends = Api.JSON.createObjectNode();
        WHAT_IT_SENDS.stream().filter(campaign::has).forEach(field -> sends.set(field, campaign.get(field)));
        for (String lists : List.of("toLists", "excludeLists")) {
            ArrayNode ids = sends.putArray(lists);
            campaign.path(lists).forEach(list -> ids.add(list.path("id").asString()));
        }
        return sends;
    }
}
