package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/** Follow-up {@code steps} in the native campaign API: shape, validation and when they can change. */
@CrierApiTest
class CampaignStepsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Caller caller;
    TestLists lists;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
        lists = new TestLists(jdbc, caller.workspaceId());
    }

    @Test
    void stepsAreShownInOrderWithTheirDelaysAsGivenAndAnUpdateReplacesThemWhole() {
        String template = caller.post("/v1/templates", Map.of("name", "Bump", "subject", "Bumping {{ firstName }}",
                "html", "<p>Bump</p>")).expect(201).data().path("id").asString();
        Reply created = caller.post("/v1/campaigns", """
                {"name": "Outreach", "subject": "Hi", "html": "<p>Hi</p>", "from": {"email": "me@example.com"},
                 "steps": [{"subject": "Following up", "previewText": "Still there?", "text": "Ping",
                            "delayDays": 3},
                           {"templateId": "%s", "delayHours": 36, "delayMinutes": 30}]}""".formatted(template))
                .expect(201);

        JsonNode steps = created.data().path("steps");
        assertThat(steps.size()).isEqualTo(2);
        assertThat(steps.path(0).path("subject").asString()).isEqualTo("Following up");
        assertThat(steps.path(0).path("previewText").asString()).isEqualTo("Still there?");
        assertThat(steps.path(0).path("delayDays").asInt()).isEqualTo(3);
        assertThat(steps.path(0).path("delayHours").asInt()).isZero();
        assertThat(steps.path(1).path("templateId").asString()).isEqualTo(template);
        assertThat(steps.path(1).path("delayHours").asInt()).isEqualTo(36);
        assertThat(steps.path(1).path("delayMinutes").asInt()).isEqualTo(30);
        assertThat(steps.path(1).path("sent").asInt()).isZero();
        String id = created.data().path("id").asString();
        assertThat(caller.get("/v1/campaigns/" + id).expect(200).data().path("steps")).isEqualTo(steps);

        JsonNode replaced = caller.patch("/v1/campaigns/" + id,
                Map.of("steps", List.of(Map.of("subject", "Only one", "html", "<p>1</p>", "delayMinutes", 90))))
                .expect(200).data().path("steps");
        assertThat(replaced.size()).isEqualTo(1);
        assertThat(replaced.path(0).path("delayMinutes").asInt()).isEqualTo(90);
        assertThat(caller.patch("/v1/campaigns/" + id, Map.of("name", "Renamed")).expect(200).data()
                .path("steps")).as("an update without steps keeps them").isEqualTo(replaced);
        assertThat(caller.patch("/v1/campaigns/" + id, "{\"steps\": null}").expect(200).data().path("steps")
                .size()).isZero();
    }

    @Test
    void badStepsAreNamedByTheirIndex() {
        caller.post("/v1/campaigns", Map.of("name", "x", "steps", List.of(Map.of("delayDays", -1))))
                .expectInvalidField("steps[0].delayDays");
        caller.post("/v1/campaigns", Map.of("name", "x", "steps", List.of(Map.of(), Map.of("delayDays", 366))))
                .expectInvalidField("steps[1].delayDays");
        caller.post("/v1/campaigns", Map.of("name", "x", "steps", List.of(Map.of("templateId", "nope"))))
                .expectInvalidField("steps[0].templateId");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"steps\": [null]}").expectInvalidField("steps[0]");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"steps\": [{\"delayDays\": \"two\"}]}").expect(400);
        caller.post("/v1/campaigns", Map.of("name", "x", "steps", List.of(Map.of("subject", "s".repeat(999)))))
                .expectInvalidField("steps[0].subject");
    }

    @Test
    void everyStepNeedsASubjectAndContentBeforeTheCampaignIsSent() {
        String id = caller.post("/v1/campaigns", Map.of("name", "x", "subject", "Hi", "html", "<p>Hi</p>",
                "from", Map.of("email", "me@example.com"), "toLists", List.of(lists.create("L", 1)),
                "steps", List.of(Map.of("subject", "ok", "text", "ok"), Map.of("delayDays", 1))))
                .expect(201).data().path("id").asString();

        Reply refused = caller.post("/v1/campaigns/" + id + "/send").expectInvalidField("steps[1].subject");
        assertThat(refused.error().path("details").valueStream().map(d -> d.path("field").asString()))
                .contains("steps[1].html").doesNotContain("steps[0].subject");
    }

    @Test
    void aStartedCampaignsStepsCanChangeWhilePausedButNoneCanBeRemoved() {
        String id = caller.post("/v1/campaigns", Map.of("name", "x", "subject", "Hi", "html", "<p>Hi</p>",
                "from", Map.of("email", "me@example.com"), "toLists", List.of(lists.create("L", 1)),
                "steps", List.of(Map.of("subject", "Later", "text", "later", "delayDays", 30))))
                .expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.await("step 0 sent", java.time.Duration.ofSeconds(30),
                () -> caller.get("/v1/campaigns/" + id).expect(200).data().path("metrics").path("sent").asInt(),
                sent -> sent == 1);
        caller.patch("/v1/campaigns/" + id, Map.of("steps", List.of()))
                .expectError(422, "INVALID_STATE_TRANSITION");

        caller.post("/v1/campaigns/" + id + "/pause").expect(200);
        caller.patch("/v1/campaigns/" + id, Map.of("steps", List.of())).expectInvalidField("steps");
        JsonNode steps = caller.patch("/v1/campaigns/" + id, Map.of("steps", List.of(
                Map.of("subject", "Sooner", "text", "sooner", "delayDays", 1),
                Map.of("subject", "Last", "text", "last", "delayDays", 2)))).expect(200).data().path("steps");
        assertThat(steps.size()).isEqualTo(2);
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }
}
