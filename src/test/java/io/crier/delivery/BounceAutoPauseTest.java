package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.delivery.fence.CampaignGates;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Fault;

import tools.jackson.databind.JsonNode;

/**
 * Auto-pause on bounce rate, against a relay that refuses most recipients (550). The campaigns
 * send gradually, ten a second of the test clock, so the test sees the pause happen mid-send.
 */
class BounceAutoPauseTest extends ClockedEngineCase {

    @Autowired
    CampaignGates gates;

    private static final Pattern REASON = Pattern.compile(
            "Bounce rate (\\d+(\\.\\d)?)% over the 5% threshold after (\\d+) deliveries");

    @Test
    void aCampaignOverItsThresholdAfterItsMinimumSampleIsPausedAndAResumeStartsANewSample() {
        List<String> emails = mostlyBouncing(100);
        String id = Audiences.campaign(caller, Map.of("sendMode", "gradual", "gradual", Map.of("perMinute", 600),
                "bounceThreshold", Map.of("rate", 0.05, "minSample", 20)), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sending_gradual");

        JsonNode paused = stepUntilPaused(id);
        int deliveriesAtPause = reasonSample(paused);
        assertThat(deliveriesAtPause).isGreaterThanOrEqualTo(20);
        // The guard pauses on its own, with no call to wait for the fence: the node's gate closes
        // when its control watcher applies the pause (later on a loaded machine), and what a sender
        // had begun before that still finishes. Count once both have happened.
        UUID campaign = UUID.fromString(id);
        Eventually.await("the node's gate closed by the pause", Duration.ofSeconds(10),
                () -> gates.forSending(campaign).isOpen(), open -> !open);
        Eventually.await("the sends in flight at the pause to finish", Duration.ofSeconds(10),
                () -> caller.get("/v1/campaigns/" + id + "/deliveries?status=claimed").expect(200).data()
                        .path("pagination").path("total").asInt(),
                claimed -> claimed == 0);
        int processed = processed(id);
        assertThat(processed).as("stopped before the end").isLessThan(emails.size());
        clock.advance(Duration.ofSeconds(10));
        awaitDispatched(emails);
        assertThat(processed(id)).as("nothing more while paused").isEqualTo(processed);

        assertThat(caller.post("/v1/campaigns/" + id + "/resume").expect(200).data().path("pausedReason").isNull())
                .isTrue();
        JsonNode pausedAgain = stepUntilPaused(id);
        int sinceResume = reasonSample(pausedAgain);
        assertThat(sinceResume).as("counted afresh since the resume").isBetween(20, processed(id) - processed);
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }

    @Test
    void theDefaultPresetWaitsForItsMinimumSampleOfAHundred() {
        List<String> emails = mostlyBouncing(40);
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        assertThat(caller.get("/v1/campaigns/" + id).expect(200).data().path("thresholdPreset").asString())
                .isEqualTo("balanced");

        caller.post("/v1/campaigns/" + id + "/send").expect(200);

        JsonNode sent = Eventually.status(caller, id, "sent").data();
        assertThat(sent.path("metrics").path("bounced").asInt()).isEqualTo(35);
        assertThat(sent.path("pausedReason").isNull()).isTrue();
    }

    /** Addresses of which all but every eighth are refused with a 550. */
    private List<String> mostlyBouncing(int count) {
        List<String> emails = addresses("b", count);
        for (int i = 0; i < count; i++) {
            if (i % 8 != 0) {
                smtp.fail(emails.get(i), Fault.PERMANENT, 1);
            }
        }
        return emails;
    }

    /** Moves the clock a second at a time (ten sends) until the guard pauses the campaign. */
    private JsonNode stepUntilPaused(String id) {
        for (int step = 0; step < 15; step++) {
            clock.advance(Duration.ofSeconds(1));
            try {
                return Eventually.await("the bounce guard's pause", Duration.ofMillis(500),
                        () -> caller.get("/v1/campaigns/" + id).expect(200).data(),
                        campaign -> campaign.path("status").asString().equals("paused"));
            } catch (AssertionError notYet) {
                // Not enough outcomes yet: one more second of sending.
            }
        }
        throw new AssertionError("The bounce guard never paused campaign " + id);
    }

    private static int reasonSample(JsonNode campaign) {
        Matcher reason = REASON.matcher(campaign.path("pausedReason").asString());
        assertThat(reason.matches()).as("pausedReason %s", campaign.path("pausedReason")).isTrue();
        return Integer.parseInt(reason.group(3));
    }

    private int processed(String id) {
        return caller.get("/v1/campaigns/" + id).expect(200).data().path("metrics").path("processedCount").asInt();
    }
}
