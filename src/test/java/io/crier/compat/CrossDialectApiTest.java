package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;

import tools.jackson.databind.JsonNode;

/**
 * One campaign, three APIs: made through one dialect, it is read, paused and resumed through the
 * others (a campaign's id is the same in every API), and every API counts the same sends. The
 * campaign keeps running between steps: its second step waits two days after the first, so it is
 * still sending (and pausable) once the first step has gone out.
 */
@CrierApiTest
class CrossDialectApiTest {

    private static final String LEADTERRA = "/leadterra/v1/campaigns/";
    private static final String BLUESHIFT = "/blueshift/api/v1/campaigns/";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    /** One workspace's key, sent as each API's clients send it. */
    Caller crier;
    Caller blueshift;
    String tag;

    @BeforeEach
    void setUp() {
        crier = Api.at(port).newWorkspace();
        blueshift = crier.basic();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aLeadterraSequenceIsPausedAndResumedThroughBlueshiftAndTheNativeApiAndCountedAlikeEverywhere() {
        String id = crier.post("/leadterra/v1/campaigns", Map.of("name", "Outbound " + tag, "sequenceSteps", List.of(
                Map.of("subject", "Hello {{ firstName }}", "bodyHtml", "<p>Hi</p>", "delayDays", 0),
                Map.of("subject", "Following up", "bodyHtml", "<p>Bump</p>", "delayDays", 2))))
                .expect(201).json().path("id").asString();
        crier.post(LEADTERRA + id + "/leads/bulk", Map.of("leads", List.of(lead("ava"), lead("bo"), lead("cy"))))
                .expect(200);
        crier.post(LEADTERRA + id + "/start").expect(200);
        Eventually.await("the first step sent to all three leads", WAIT,
                () -> crier.get("/v1/campaigns/" + id).expect(200).data().path("metrics").path("sent").asInt(),
                sent -> sent == 3);

        assertThat(blueshiftCampaign(id).path("status").asString()).isEqualTo("launched");
        assertThat(blueshift.patch(BLUESHIFT + id + "/pause", null).expect(200).json().path("status").asString())
                .isEqualTo("paused");
        assertThat(nativeStatus(id)).isEqualTo("paused");
        JsonNode heldStats = crier.get(LEADTERRA + id + "/stats").expect(200).json();
        assertThat(heldStats.path("queued").asInt()).as("second steps held while paused").isEqualTo(3);

        assertThat(crier.post("/v1/campaigns/" + id + "/resume").expect(200).data().path("status").asString())
                .isEqualTo("sending");
        assertThat(blueshiftCampaign(id).path("status").asString()).isEqualTo("launched");
        assertThat(crier.post(LEADTERRA + id + "/pause").expect(200).json().path("status").asString())
                .isEqualTo("paused");
        assertThat(blueshift.patch(BLUESHIFT + id + "/launch", null).expect(200).json().path("status").asString())
                .isEqualTo("launched");
        assertThat(nativeStatus(id)).isEqualTo("sending");

        JsonNode metrics = crier.get("/v1/campaigns/" + id).expect(200).data().path("metrics");
        JsonNode stats = crier.get(LEADTERRA + id + "/stats").expect(200).json();
        JsonNode statistics = blueshift.get(BLUESHIFT + id + "/detail.json").expect(200).json()
                .path("campaign").path("statistics");
        assertThat(metrics.path("sent").asInt()).isEqualTo(3);
        assertThat(stats.path("sent").asInt()).isEqualTo(3);
        assertThat(stats.path("totalEnrolled").asInt()).isEqualTo(3);
        assertThat(stats.path("queued").asInt()).isEqualTo(3);
        assertThat(statistics.path("sends").asInt()).isEqualTo(3);
        assertThat(statistics.path("deliveries").asInt()).isEqualTo(metrics.path("delivered").asInt());
    }

    @Test
    void aNativeCampaignIsReadThroughBothDialectsAndStartedThroughLeadterra() {
        String id = Audiences.campaign(crier, Map.of("name", "Native " + tag),
                Audiences.list(crier, List.of(email("dee"), email("eve"))));

        assertThat(blueshiftCampaign(id).path("status").asString()).isEqualTo("draft");
        assertThat(crier.get(LEADTERRA + id + "/stats").expect(200).json().path("totalEnrolled").asInt()).isEqualTo(2);
        assertThat(crier.post(LEADTERRA + id + "/start").expect(200).json().path("status").asString())
                .isEqualTo("running");

        JsonNode sent = Eventually.status(crier, id, "sent").data();
        assertThat(sent.path("metrics").path("sent").asInt()).isEqualTo(2);
        assertThat(blueshiftCampaign(id).path("status").asString()).isEqualTo("completed");
        assertThat(crier.get(LEADTERRA + id + "/stats").expect(200).json().path("sent").asInt()).isEqualTo(2);
    }

    private JsonNode blueshiftCampaign(String id) {
        return blueshift.get(BLUESHIFT + id + ".json").expect(200).json().path("campaign");
    }

    private String nativeStatus(String id) {
        return crier.get("/v1/campaigns/" + id).expect(200).data().path("status").asString();
    }

    private Map<String, Object> lead(String name) {
        return Map.of("email", email(name), "firstName", name);
    }

    private String email(String name) {
        return name + "-" + tag + "@example.org";
    }
}
