package io.crier.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's campaign API as its documentation shows it (https://docs.autosend.com/api-reference):
 * every documented request with its documented response shape and error, against a running Crier
 * with real sends to the capture server.
 */
@CrierApiTest
class AutoSendCampaignConformanceApiTest {

    /** The keys of the seed pages' campaign object (pause, resume and abort answers). */
    private static final List<String> SEED_KEYS = List.of("campaignId", "name", "subject", "previewText", "status",
            "sendMode", "trackingClick", "trackingOpen", "createdAt", "updatedAt");
    /** The keys of the Get page's {@code metrics} object. */
    private static final List<String> METRICS = List.of("sent", "delivered", "opened", "suppressed", "clicked",
            "bounced", "unsubscribed", "spamReported", "processedCount", "totalContacts", "failedCount");
    /** Crier's tracking figures, after AutoSend's (whose opened and clicked are the unique counts). */
    private static final List<String> CRIER_METRICS = List.of("totalOpens", "totalClicks", "machineOpens",
            "machineClicks", "openRate", "clickRate", "softBounced", "replied", "complaintRate", "replyRate");
    private static final String MILLIS_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @LocalServerPort
    int port;

    @Test
    void pauseResumeAndAbortAnswerTheSeedPagesCampaignObject() {
        Caller caller = Api.at(port).newWorkspace();
        String list = Audiences.list(caller, emails(5));
        String id = Audiences.campaign(caller, Map.of("name", "Spring Sale Newsletter", "previewText",
                "Up to 50% off this weekend only", "sendMode", "gradual", "gradual", Map.of("perMinute", 1),
                "sendNow", true), list);
        Eventually.status(caller, id, "sending_gradual");

        JsonNode paused = seedAnswer(caller.post("/v1/campaigns/" + id + "/pause"), id);
        assertThat(paused.path("status").asString()).isEqualTo("paused");
        assertThat(paused.path("sendMode").asString()).isEqualTo("gradual");
        assertThat(paused.path("pausedAt").asString()).matches(MILLIS_UTC);
        assertThat(seedAnswer(caller.post("/v1/campaigns/" + id + "/pause"), id).path("status").asString())
                .as("a repeated pause answers the campaign as it is").isEqualTo("paused");

        JsonNode resumed = seedAnswer(caller.post("/v1/campaigns/" + id + "/resume"), id);
        assertThat(resumed.path("status").asString()).isEqualTo("sending_gradual");
        assertThat(resumed.path("resumedAt").asString()).matches(MILLIS_UTC);

        JsonNode aborted = seedAnswer(caller.post("/v1/campaigns/" + id + "/abort"), id);
        assertThat(aborted.path("status").asString()).isEqualTo("aborted");
        assertThat(aborted.path("abortedAt").asString()).matches(MILLIS_UTC);
        JsonNode metrics = caller.get("/v1/campaigns/" + id).expect(200).data().path("metrics");
        assertThat(metrics.path("totalContacts").asInt()).isEqualTo(5);
        assertThat(metrics.path("sent").asInt()).as("one mail a minute: not all were sent").isLessThan(5);
        caller.post("/v1/campaigns/" + id + "/resume").expectError(422, "INVALID_STATE_TRANSITION");

        String none = UUID.randomUUID().toString();
        for (String action : List.of("pause", "resume", "abort")) {
            Reply missing = caller.post("/v1/campaigns/" + none + "/" + action).expectError(404, "CAMPAIGN_NOT_FOUND");
            assertThat(missing.error().path("message").asString()).isEqualTo("Campaign not found");
            Api.at(port).anonymous().post("/v1/campaigns/" + id + "/" + action).expectError(401, "UNAUTHORIZED");
        }
    }

    @Test
    void createGetListUpdateDuplicateAndDeleteUseAutoSendsShapesAndMessages() {
        Caller caller = Api.at(port).newWorkspace();
        String list = Audiences.list(caller, emails(2));

        Reply created = caller.post("/v1/campaigns", Map.of("name", "Spring Sale Newsletter",
                "subject", "Don't miss our Spring Sale!", "from", Map.of("email", "news@crier.test", "name",
                        "Example Team"), "html", "<p>Sale</p>", "toLists", List.of(Map.of("id", list)))).expect(201);
        assertThat(created.json().path("message").asString()).isEqualTo("Campaign created successfully");
        JsonNode campaign = created.data();
        String id = campaign.path("id").asString();
        assertThat(campaign.path("campaignId").asString()).isEqualTo(id);
        assertThat(campaign.path("status").asString()).isEqualTo("draft");
        assertThat(campaign.path("sendMode").asString()).isEqualTo("immediate");
        assertThat(campaign.path("from").path("name").asString()).isEqualTo("Example Team");
        assertThat(campaign.path("toLists").get(0).path("type").asString()).isEqualTo("list");
        assertThat(campaign.path("toLists").get(0).path("contactCount").asInt()).isEqualTo(2);
        assertThat(campaign.path("metrics").propertyNames()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(METRICS.stream(), CRIER_METRICS.stream()).toList());
        assertThat(campaign.path("createdAt").asString()).matches(MILLIS_UTC);
        assertThat(campaign.has("sentAt") && campaign.has("abortedAt") && campaign.has("failureReason")
                && campaign.has("pausedReason") && campaign.has("resumedAt") && campaign.has("thresholdPreset"))
                .as("the Get page's fields: %s", campaign).isTrue();

        Reply got = caller.get("/v1/campaigns/" + id).expect(200);
        assertThat(got.json().path("message").asString()).isEqualTo("Campaign retrieved successfully");

        JsonNode listing = caller.get("/v1/campaigns?status=draft&page=1&limit=1").expect(200).data();
        assertThat(listing.path("campaigns").get(0).path("id").asString()).isEqualTo(id);
        assertThat(listing.path("pagination").path("page").asInt()).isEqualTo(1);
        assertThat(listing.path("pagination").path("limit").asInt()).isEqualTo(1);
        assertThat(listing.path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(listing.path("pagination").path("pages").asInt()).isEqualTo(1);

        JsonNode updated = caller.patch("/v1/campaigns/" + id, Map.of("previewText", "Up to 50% off")).expect(200)
                .data();
        assertThat(updated.path("previewText").asString()).isEqualTo("Up to 50% off");
        assertThat(updated.path("subject").asString()).isEqualTo("Don't miss our Spring Sale!");

        Reply copy = caller.post("/v1/campaigns/" + id + "/duplicate").expect(201);
        assertThat(copy.data().path("name").asString()).isEqualTo("Spring Sale Newsletter (copy)");
        assertThat(copy.data().path("status").asString()).isEqualTo("draft");
        Reply deleted = caller.delete("/v1/campaigns/" + copy.data().path("id").asString()).expect(200);
        assertThat(deleted.json().path("message").asString()).isEqualTo("Campaign deleted successfully");
        assertThat(deleted.json().has("data")).isFalse();

        JsonNode published = caller.patch("/v1/campaigns/" + id, Map.of("publish", true, "sendNow", true))
                .expect(200).data();
        assertThat(published.path("status").asString()).isIn("scheduled", "sending", "sent");
        JsonNode sent = Eventually.status(caller, id, "sent").data();
        assertThat(sent.path("sentAt").asString()).matches(MILLIS_UTC);
        JsonNode metrics = sent.path("metrics");
        assertThat(List.of(metrics.path("sent").asInt(), metrics.path("delivered").asInt(),
                metrics.path("processedCount").asInt(), metrics.path("totalContacts").asInt())).containsOnly(2);
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isEqualTo(2);

        Reply refused = caller.delete("/v1/campaigns/" + id).expectError(400, "ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED");
        assertThat(refused.error().path("message").asString()).isEqualTo("Only draft campaigns can be deleted");
        Reply missing = caller.delete("/v1/campaigns/" + UUID.randomUUID()).expectError(404, "CAMPAIGN_NOT_FOUND");
        assertThat(missing.error().path("message").asString()).isEqualTo("Campaign not found");
    }

    @Test
    void publishWithScheduledAtWaitsForItsTime() {
        Caller caller = Api.at(port).newWorkspace();
        String list = Audiences.list(caller, emails(1));
        Reply created = caller.post("/v1/campaigns", Map.of("name", "Later", "subject", "Later",
                "from", Map.of("email", "news@crier.test"), "text", "Later", "toLists", List.of(list),
                "publish", true, "scheduledAt", "2030-04-06T05:56:02.850Z")).expect(201);
        assertThat(created.data().path("status").asString()).isEqualTo("scheduled");
        assertThat(created.data().path("scheduledAt").asString()).isEqualTo("2030-04-06T05:56:02.850Z");
        caller.post("/v1/campaigns/" + created.data().path("id").asString() + "/pause").expect(200);
    }

    /** A 200 {@code {"success": true, "data": campaign}} holding every key of the seed pages' object. */
    private static JsonNode seedAnswer(Reply reply, String id) {
        reply.expect(200);
        assertThat(reply.json().path("success").asBoolean()).isTrue();
        JsonNode campaign = reply.data();
        assertThat(campaign.propertyNames()).containsAll(SEED_KEYS);
        assertThat(campaign.path("campaignId").asString()).isEqualTo(id);
        assertThat(campaign.path("id").asString()).isEqualTo(id);
        assertThat(campaign.path("trackingClick").isBoolean() && campaign.path("trackingOpen").isBoolean()).isTrue();
        assertThat(campaign.path("createdAt").asString()).matches(MILLIS_UTC);
        assertThat(campaign.path("updatedAt").asString()).matches(MILLIS_UTC);
        return campaign;
    }

    private static List<String> emails(int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> "reader" + i + "-" + tag + "@example.org").toList();
    }
}
