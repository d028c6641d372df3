package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;

import tools.jackson.databind.JsonNode;

/**
 * A fresh install: the capture relay and no sender setting of any dialect. The default workspace
 * has its preset default sender, so Blueshift's and Leadterra's documented flows work as their
 * documentation shows; a workspace without any sender must name one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        "crier.blueshift.from-address=",
        "crier.blueshift.from-name=",
        "crier.leadterra.from-address=",
        "crier.leadterra.from-name="})
class FreshInstallFlowsTest {

    private static final String PRESET = "crier@crier.localhost";

    @LocalServerPort
    int port;

    @Test
    void blueshiftsOneTimeCreateAndLaunchSendFromThePresetSender() {
        Caller crier = Api.at(port).bootstrap();
        List<String> emails = emails(2);
        String template = crier.post("/v1/templates", Map.of("name", "T", "subject", "Hello", "html", "<p>Hi</p>"))
                .expect(201).data().path("id").asString();
        String segment = Audiences.list(crier, emails);

        JsonNode campaign = crier.basic().post("/blueshift/api/v1/campaigns/one_time", Map.of("name", "Launch",
                "launch", true, "segment_uuid", segment, "triggers", List.of(Map.of("template_uuid", template))))
                .expect(200).json().path("campaign");

        assertThat(campaign.path("status").asString()).isEqualTo("launched");
        Eventually.status(crier, campaign.path("uuid").asString(), "sent");
        assertThat(sendersOf(crier, emails)).containsExactly(PRESET, PRESET);
    }

    @Test
    void leadterrasCreateLeadsAndStartSendFromThePresetSender() {
        Caller crier = Api.at(port).bootstrap();
        List<String> emails = emails(2);
        String id = crier.post("/leadterra/v1/campaigns", Map.of("name", "Outbound", "sequenceSteps", List.of(
                Map.of("subject", "Quick question", "bodyHtml", "<p>Hi {{firstName}}</p>", "delayDays", 0))))
                .expect(201).json().path("id").asString();
        crier.post("/leadterra/v1/campaigns/" + id + "/leads/bulk", Map.of("leads", emails.stream()
                .map(email -> Map.of("email", email, "firstName", "Ann")).toList())).expect(200);

        assertThat(crier.post("/leadterra/v1/campaigns/" + id + "/start").expect(200).json().path("status")
                .asString()).isEqualTo("running");
        Eventually.await("both leads mailed", Duration.ofSeconds(20), () -> sendersOf(crier, emails),
                senders -> senders.size() == 2);
        assertThat(sendersOf(crier, emails)).containsExactly(PRESET, PRESET);
    }

    @Test
    void aWorkspaceWithoutSenderOrSettingMustNameItsOwn() {
        Caller crier = Api.at(port).newWorkspace();
        String template = crier.post("/v1/templates", "{\"name\": \"T\", \"subject\": \"S\", \"html\": \"<p>H</p>\"}")
                .expect(201).data().path("id").asString();
        String segment = Audiences.list(crier, List.of("nobody@example.org"));
        Map<String, Object> body = Map.of("name", "No sender", "launch", false, "segment_uuid", segment,
                "triggers", List.of(Map.of("template_uuid", template)));

        JsonNode refused = crier.basic().post("/blueshift/api/v1/campaigns/one_time", body).expect(400).json();
        assertThat(refused.path("errors").path("triggers[0].from_address").path(0).asString()).isNotBlank();
        assertThat(crier.get("/v1/campaigns").expect(200).data().path("pagination").path("total").asInt()).isZero();

        String uuid = crier.basic().post("/blueshift/api/v1/campaigns/one_time", Map.of("name", "Own sender",
                "launch", false, "segment_uuid", segment, "triggers", List.of(Map.of("template_uuid", template,
                        "from_address", "own@crier.test")))).expect(200).json().path("campaign").path("uuid").asString();
        assertThat(crier.get("/v1/campaigns/" + uuid).expect(200).data().path("from").path("email").asString())
                .isEqualTo("own@crier.test");

        // Once the workspace has a sender, it is the default of a campaign that names none.
        crier.post("/v1/senders", Map.of("email", "team@crier.test", "name", "Team")).expect(201);
        String withDefault = crier.basic().post("/blueshift/api/v1/campaigns/one_time", body).expect(200).json()
                .path("campaign").path("uuid").asString();
        assertThat(crier.get("/v1/campaigns/" + withDefault).expect(200).data().path("from").path("email").asString())
                .isEqualTo("team@crier.test");
    }

    private static List<String> emails(int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> "r" + i + "-" + tag + "@example.org").toList();
    }

    /** The From of the captured messages to these addresses. */
    private static List<String> sendersOf(Caller crier, List<String> emails) {
        return crier.get("/v1/dev/inbox").expect(200).data().path("messages").valueStream()
                .filter(m -> emails.contains(m.path("to").get(0).asString())).map(m -> m.path("from").asString())
                .toList();
    }
}
