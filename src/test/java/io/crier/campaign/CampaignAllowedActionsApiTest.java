package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;

import tools.jackson.databind.JsonNode;

/**
 * A campaign's {@code allowedActions} over HTTP: every answer lists what its new state allows, and
 * taking one of those actions is accepted.
 */
@CrierApiTest
class CampaignAllowedActionsApiTest {

    @LocalServerPort
    int port;

    Caller caller;
    String list;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
        list = Audiences.list(caller, List.of("ada@example.org"));
    }

    @Test
    void eachAnswerListsWhatTheCampaignsNewStateAllows() {
        JsonNode draft = caller.post("/v1/campaigns", """
                {"name": "Ready", "subject": "Hello", "html": "<p>Hello</p>", "from": {"email": "news@example.com"},
                 "toLists": ["%s"]}""".formatted(list)).expect(201).data();
        String id = draft.path("id").asString();
        assertThat(actions(draft)).containsExactly("send", "archive", "duplicate", "update", "delete");
        assertThat(actions(caller.get("/v1/campaigns/" + id).expect(200).data())).isEqualTo(actions(draft));

        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        JsonNode scheduled = caller.post(path(id, "send"), "{\"scheduledAt\": \"" + tomorrow + "\"}").expect(200)
                .data();
        assertThat(actions(scheduled)).containsExactly("pause", "abort", "duplicate", "update");

        JsonNode paused = caller.post(path(id, "pause")).expect(200).data();
        assertThat(actions(paused)).containsExactly("resume", "abort", "duplicate", "update");

        JsonNode aborted = caller.post(path(id, "abort")).expect(200).data();
        assertThat(actions(aborted)).containsExactly("archive", "duplicate");

        JsonNode archived = caller.post(path(id, "archive")).expect(200).data();
        assertThat(actions(archived)).containsExactly("unarchive", "duplicate");
        assertThat(actions(caller.get("/v1/campaigns?archived=true").expect(200).data().path("campaigns").get(0)))
                .as("in a listing too").containsExactly("unarchive", "duplicate");

        JsonNode copy = caller.post(path(id, "duplicate")).expect(201).data();
        assertThat(actions(copy)).containsExactly("send", "archive", "duplicate", "update", "delete");
    }

    @Test
    void theOpenApiDocumentNamesEveryAction() {
        JsonNode campaign = Api.at(port).anonymous().get("/v3/api-docs").expect(200).json().path("components")
                .path("schemas").path("CampaignView").path("properties");

        JsonNode allowed = campaign.path("allowedActions");
        assertThat(allowed.path("description").asString()).contains("allows now");
        assertThat(allowed.path("items").path("enum").valueStream().map(JsonNode::asString)).containsExactly("send",
                "pause", "resume", "abort", "retry-failed", "archive", "unarchive", "duplicate", "update", "delete");
    }

    private static List<String> actions(JsonNode campaign) {
        return campaign.path("allowedActions").valueStream().map(JsonNode::asString).toList();
    }

    private static String path(String id, String verb) {
        return "/v1/campaigns/" + id + "/" + verb;
    }
}
