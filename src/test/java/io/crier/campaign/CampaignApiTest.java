package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/** Campaign CRUD, validation, listing, duplication and workspace isolation over HTTP. */
@CrierApiTest
class CampaignApiTest {

    private static final String UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Caller caller;
    TestLists lists;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        caller = api.newWorkspace();
        lists = new TestLists(jdbc, caller.workspaceId());
    }

    @Test
    void createdCampaignIsTheAutoSendObjectAsADraft() {
        String newsletter = lists.create("Newsletter", 3);
        String bounced = lists.create("Bounced", 1);
        Reply created = caller.post("/v1/campaigns", """
                {"name": "Spring Sale Newsletter", "subject": "Don't miss our Spring Sale!",
                 "previewText": "Up to 50%% off", "from": {"email": "news@example.com", "name": "Example Team"},
                 "replyTo": "help@example.com", "html": "<p>Sale</p>", "text": "Sale",
                 "toLists": ["%s"], "excludeLists": [{"id": "%s"}], "sendMode": "gradual",
                 "gradual": {"emailsPerDay": 300, "growth": "1.5x", "perHour": 50},
                 "timezone": "America/New_York", "trackingClick": false, "thresholdPreset": "balanced"}"""
                .formatted(newsletter, bounced)).expect(201);

        JsonNode campaign = created.data();
        String id = campaign.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/campaigns/" + id);
        assertThat(created.json().path("message").asString()).isEqualTo("Campaign created successfully");
        assertThat(campaign.path("campaignId").asString()).isEqualTo(id);
        assertThat(campaign.path("status").asString()).isEqualTo("draft");
        assertThat(campaign.path("archived").asBoolean(true)).isFalse();
        assertThat(campaign.path("name").asString()).isEqualTo("Spring Sale Newsletter");
        assertThat(campaign.path("subject").asString()).isEqualTo("Don't miss our Spring Sale!");
        assertThat(campaign.path("previewText").asString()).isEqualTo("Up to 50% off");
        assertThat(campaign.path("from").path("email").asString()).isEqualTo("news@example.com");
        assertThat(campaign.path("from").path("name").asString()).isEqualTo("Example Team");
        assertThat(campaign.path("replyTo").asString()).isEqualTo("help@example.com");
        assertThat(campaign.path("html").asString()).isEqualTo("<p>Sale</p>");
        assertThat(campaign.path("text").asString()).isEqualTo("Sale");
        assertThat(campaign.path("toLists")).hasSize(1);
        JsonNode to = campaign.path("toLists").get(0);
        assertThat(to.path("id").asString()).isEqualTo(newsletter);
        assertThat(to.path("name").asString()).isEqualTo("Newsletter");
        assertThat(to.path("type").asString()).isEqualTo("list");
        assertThat(to.path("contactCount").asLong()).isEqualTo(3);
        assertThat(campaign.path("excludeLists").get(0).path("id").asString()).isEqualTo(bounced);
        assertThat(campaign.path("excludeLists").get(0).path("contactCount").asLong()).isEqualTo(1);
        assertThat(campaign.path("sendMode").asString()).isEqualTo("gradual");
        assertThat(campaign.path("gradual").path("emailsPerDay").asInt()).isEqualTo(300);
        assertThat(campaign.path("gradual").path("growth").asString()).isEqualTo("1.5x");
        assertThat(campaign.path("gradual").path("perHour").asInt()).isEqualTo(50);
        assertThat(campaign.path("gradual").path("perMinute").isNull()).isTrue();
        assertThat(campaign.path("timezone").asString()).isEqualTo("America/New_York");
        assertThat(campaign.path("trackingOpen").asBoolean()).isTrue();
        assertThat(campaign.path("trackingClick").asBoolean(true)).isFalse();
        assertThat(campaign.path("thresholdPreset").asString()).isEqualTo("balanced");
        for (String counter : List.of("sent", "delivered", "opened", "clicked", "bounced", "unsubscribed",
                "spamReported", "suppressed", "processedCount", "totalContacts", "failedCount")) {
            assertThat(campaign.path("metrics").path(counter).isIntegralNumber()).as(counter).isTrue();
            assertThat(campaign.path("metrics").path(counter).asLong()).as(counter).isZero();
        }
        for (String unset : List.of("templateId", "scheduledAt", "sentAt", "pausedAt", "resumedAt", "abortedAt",
                "pausedReason", "failureReason")) {
            assertThat(campaign.path(unset).isNull()).as(unset).isTrue();
        }
        assertThat(campaign.path("createdAt").asString()).matches(UTC_MILLIS);
        assertThat(campaign.path("updatedAt").asString()).matches(UTC_MILLIS);

        Reply read = caller.get("/v1/campaigns/" + id).expect(200);
        assertThat(read.data()).isEqualTo(campaign);
    }

    @Test
    void aCampaignNamesAtMostItsCapOfListsToSendToAndToLeaveOut() {
        List<String> ids = IntStream.rangeClosed(0, CampaignRequest.MAX_LISTS).mapToObj(i -> UUID.randomUUID().toString())
                .toList();

        caller.post("/v1/campaigns", Map.of("name", "Wide", "toLists", ids)).expectInvalidField("toLists");
        caller.post("/v1/campaigns", Map.of("name", "Wide", "excludeLists", ids)).expectInvalidField("excludeLists");
        assertThat(caller.get("/v1/campaigns").expect(200).data().path("campaigns")).isEmpty();
    }

    @Test
    void aNameIsAllACampaignNeedsToBeCreated() {
        JsonNode campaign = caller.post("/v1/campaigns", "{\"name\": \"Minimal\"}").expect(201).data();

        assertThat(campaign.path("sendMode").asString()).isEqualTo("immediate");
        assertThat(campaign.path("trackingOpen").asBoolean()).isTrue();
        assertThat(campaign.path("trackingClick").asBoolean()).isTrue();
        assertThat(campaign.path("toLists").isArray()).isTrue();
        assertThat(campaign.path("toLists")).isEmpty();
        assertThat(campaign.path("from").path("email").isNull()).isTrue();
        assertThat(campaign.path("gradual").isNull()).isTrue();
        assertThat(campaign.path("subject").isNull()).isTrue();
    }

    @Test
    void invalidCreateBodiesAreRefusedNamingTheFieldAndCreateNothing() {
        String list = lists.create("List", 0);
        String foreignList = new TestLists(jdbc, api.newWorkspace().workspaceId()).create("Theirs", 0);
        String unknown = UUID.randomUUID().toString();

        caller.post("/v1/campaigns", "{}").expectInvalidField("name");
        caller.post("/v1/campaigns", "{\"name\": \" \"}").expectInvalidField("name");
        caller.post("/v1/campaigns", "{\"name\": \"" + "n".repeat(201) + "\"}").expectInvalidField("name");
        caller.post("/v1/campaigns", "{\"name\": 5}").expectInvalidField("name");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"from\": {\"email\": \"not-an-email\"}}")
                .expectInvalidField("from.email");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"replyTo\": \"nope\"}").expectInvalidField("replyTo");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"sendMode\": \"later\"}").expectInvalidField("sendMode");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"sendMode\": \"gradual\"}")
                .expectInvalidField("gradual.emailsPerDay");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"sendMode\": \"gradual\", \"gradual\": {\"growth\": \"2x\"}}")
                .expectInvalidField("gradual.emailsPerDay");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"gradual\": {\"emailsPerDay\": 0}}")
                .expectInvalidField("gradual.emailsPerDay");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"gradual\": {\"perMinute\": -1}}")
                .expectInvalidField("gradual.perMinute");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"gradual\": {\"emailsPerDay\": 5, \"growth\": \"3x\"}}")
                .expectInvalidField("gradual.growth");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"sendMode\": \"scheduled\"}").expectInvalidField("scheduledAt");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"scheduledAt\": \"tomorrow\"}").expectInvalidField("scheduledAt");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"timezone\": \"Mars/Olympus_Mons\"}")
                .expectInvalidField("timezone");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"timezone\": \"+02:00\"}").expectInvalidField("timezone");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"toLists\": [\"" + unknown + "\"]}")
                .expectInvalidField("toLists[0]");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"toLists\": [\"" + list + "\", \"nope\"]}")
                .expectInvalidField("toLists[1]");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"toLists\": [{\"id\": \"" + foreignList + "\"}]}")
                .expectInvalidField("toLists[0]");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"toLists\": [5]}").expectInvalidField("toLists[0]");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"toLists\": \"" + list + "\"}").expectInvalidField("toLists");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"excludeLists\": [\"" + unknown + "\"]}")
                .expectInvalidField("excludeLists[0]");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"toLists\": [\"%s\"], \"excludeLists\": [\"%s\"]}"
                .formatted(list, list)).expectInvalidField("excludeLists");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"templateId\": \"" + unknown + "\"}")
                .expectInvalidField("templateId");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"trackingOpen\": \"yes\"}").expectInvalidField("trackingOpen");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"trackingClick\": null}").expectInvalidField("trackingClick");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"thresholdPreset\": \"" + "t".repeat(21) + "\"}")
                .expectInvalidField("thresholdPreset");
        caller.post("/v1/campaigns", "[]").expectInvalidField("body");

        Reply several = caller.post("/v1/campaigns", "{\"name\": \"\", \"toLists\": [\"" + unknown + "\"]}")
                .expectInvalidField("name").expectInvalidField("toLists[0]");
        assertThat(several.error().path("details")).hasSize(2);
        assertThat(caller.get("/v1/campaigns").data().path("pagination").path("total").asInt()).isZero();
    }

    @Test
    void listsAreNamedByIdOrByObjectAndRepeatsCollapse() {
        String first = lists.create("First", 2);
        String second = lists.create("Second", 0);

        JsonNode campaign = caller.post("/v1/campaigns", """
                {"name": "x", "toLists": ["%s", {"id": "%s", "name": "ignored"}, "%s"]}"""
                .formatted(first, second, first)).expect(201).data();

        assertThat(campaign.path("toLists").valueStream().map(l -> l.path("id").asString()))
                .containsExactly(first, second);
        assertThat(campaign.path("toLists").get(1).path("name").asString()).isEqualTo("Second");
    }

    @Test
    void updateChangesOnlyWhatTheBodyNamesAndClearsExplicitNulls() {
        String list = lists.create("List", 1);
        JsonNode created = caller.post("/v1/campaigns", """
                {"name": "Patchable", "subject": "Hi", "previewText": "Preview", "html": "<p>a</p>",
                 "from": {"email": "a@example.com", "name": "A"}, "toLists": ["%s"],
                 "sendMode": "gradual", "gradual": {"emailsPerDay": 100}}""".formatted(list)).expect(201).data();
        String path = "/v1/campaigns/" + created.path("id").asString();
        assertThat(created.path("gradual").path("growth").asString()).isEqualTo("fixed");

        JsonNode renamed = caller.patch(path, "{\"subject\": \"Hello\"}").expect(200).data();
        assertThat(renamed.path("subject").asString()).isEqualTo("Hello");
        assertThat(renamed.path("html").asString()).isEqualTo("<p>a</p>");
        assertThat(renamed.path("toLists").get(0).path("id").asString()).isEqualTo(list);
        assertThat(renamed.path("updatedAt").asString()).isGreaterThanOrEqualTo(created.path("updatedAt").asString());

        JsonNode cleared = caller.patch(path, "{\"previewText\": null, \"from\": {\"name\": \"B\"}}").expect(200).data();
        assertThat(cleared.path("previewText").isNull()).isTrue();
        assertThat(cleared.path("from").path("name").asString()).isEqualTo("B");
        assertThat(cleared.path("from").path("email").asString()).isEqualTo("a@example.com");

        JsonNode gradual = caller.patch(path, "{\"gradual\": {\"perHour\": 10, \"growth\": \"2x\"}}").expect(200).data();
        assertThat(gradual.path("gradual").path("emailsPerDay").asInt()).isEqualTo(100);
        assertThat(gradual.path("gradual").path("perHour").asInt()).isEqualTo(10);
        assertThat(gradual.path("gradual").path("growth").asString()).isEqualTo("2x");

        JsonNode noSender = caller.patch(path, "{\"from\": null, \"toLists\": []}").expect(200).data();
        assertThat(noSender.path("from").path("email").isNull()).isTrue();
        assertThat(noSender.path("from").path("name").isNull()).isTrue();
        assertThat(noSender.path("toLists")).isEmpty();

        caller.patch(path, "{\"name\": null}").expectInvalidField("name");
        caller.patch(path, "{\"gradual\": null}").expectInvalidField("gradual.emailsPerDay");
        caller.patch(path, "{\"sendMode\": \"scheduled\"}").expectInvalidField("scheduledAt");
        caller.patch(path, "{\"sendMode\": null}").expectInvalidField("sendMode");
        assertThat(caller.get(path).data()).isEqualTo(noSender);
    }

    @Test
    void scheduledAtIsReadWithAnyOffsetAndShownInUtcWithMillis() {
        JsonNode campaign = caller.post("/v1/campaigns", """
                {"name": "x", "sendMode": "scheduled", "scheduledAt": "2031-03-01T10:00:00+02:00"}""")
                .expect(201).data();

        assertThat(campaign.path("scheduledAt").asString()).isEqualTo("2031-03-01T08:00:00.000Z");
    }

    @Test
    void bounceThresholdAndPresetDecideWhenACampaignPausesItself() {
        JsonNode campaign = caller.post("/v1/campaigns", "{\"name\": \"x\"}").expect(201).data();
        assertThat(campaign.path("thresholdPreset").asString()).isEqualTo("balanced");
        assertThat(campaign.path("bounceThreshold").isNull()).isTrue();
        String path = "/v1/campaigns/" + campaign.path("id").asString();

        JsonNode own = caller.patch(path, """
                {"thresholdPreset": "conservative", "bounceThreshold": {"rate": 0.08, "minSample": 50}}""")
                .expect(200).data();
        assertThat(own.path("thresholdPreset").asString()).isEqualTo("conservative");
        assertThat(own.path("bounceThreshold").path("rate").asDouble()).isEqualTo(0.08);
        assertThat(own.path("bounceThreshold").path("minSample").asInt()).isEqualTo(50);
        assertThat(caller.patch(path, "{\"bounceThreshold\": {\"minSample\": 80}}").expect(200).data()
                .path("bounceThreshold").path("rate").asDouble()).as("merged property by property").isEqualTo(0.08);
        assertThat(caller.patch(path, "{\"bounceThreshold\": null, \"thresholdPreset\": null}").expect(200)
                .data().path("thresholdPreset").asString()).as("back to the default").isEqualTo("balanced");
        assertThat(caller.get(path).data().path("bounceThreshold").isNull()).isTrue();

        assertThat(caller.patch(path, "{\"thresholdPreset\": \"wild\"}").expectInvalidField("thresholdPreset")
                .error().path("details").get(0).path("message").asString())
                .isEqualTo("must be one of: conservative, balanced, aggressive, off");
        caller.patch(path, "{\"bounceThreshold\": {\"rate\": 0.05}}").expectInvalidField("bounceThreshold.minSample");
        caller.patch(path, "{\"bounceThreshold\": {\"minSample\": 10}}").expectInvalidField("bounceThreshold.rate");
        caller.patch(path, "{\"bounceThreshold\": {\"rate\": 0, \"minSample\": 10}}")
                .expectInvalidField("bounceThreshold.rate");
        caller.patch(path, "{\"bounceThreshold\": {\"rate\": 5, \"minSample\": 10}}")
                .expectInvalidField("bounceThreshold.rate");
        caller.patch(path, "{\"bounceThreshold\": {\"rate\": \"5%\", \"minSample\": 10}}")
                .expectInvalidField("bounceThreshold.rate");
        caller.patch(path, "{\"bounceThreshold\": {\"rate\": 0.05, \"minSample\": 0}}")
                .expectInvalidField("bounceThreshold.minSample");
        assertThat(caller.get(path).data().path("bounceThreshold").isNull()).isTrue();
    }

    @Test
    void aScheduledAtWithoutOffsetIsAWallClockTimeInTheCampaignsTimezoneAndAnInstantIsNotShifted() {
        JsonNode local = caller.post("/v1/campaigns", """
                {"name": "x", "sendMode": "scheduled", "scheduledAt": "2031-07-01T09:30:00",
                 "timezone": "America/New_York"}""").expect(201).data();
        assertThat(local.path("scheduledAt").asString()).as("EDT is UTC-4").isEqualTo("2031-07-01T13:30:00.000Z");

        String path = "/v1/campaigns/" + local.path("id").asString();
        assertThat(caller.patch(path, "{\"scheduledAt\": \"2031-12-01T09:30:00\"}").expect(200).data()
                .path("scheduledAt").asString()).as("the current timezone; EST is UTC-5")
                .isEqualTo("2031-12-01T14:30:00.000Z");
        assertThat(caller.patch(path, "{\"timezone\": \"Asia/Tokyo\"}").expect(200).data()
                .path("scheduledAt").asString()).as("a new timezone does not move a time already set")
                .isEqualTo("2031-12-01T14:30:00.000Z");
        assertThat(caller.patch(path, "{\"scheduledAt\": \"2031-12-01T09:30:00Z\"}").expect(200).data()
                .path("scheduledAt").asString()).isEqualTo("2031-12-01T09:30:00.000Z");

        caller.post("/v1/campaigns", "{\"name\": \"x\", \"scheduledAt\": \"2031-07-01T09:30:00\"}")
                .expectInvalidField("scheduledAt");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"scheduledAt\": \"2031-07-01\"}")
                .expectInvalidField("scheduledAt");
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"scheduledAt\": 1924160400}")
                .expectInvalidField("scheduledAt");
    }

    @Test
    void listingFiltersByStatusAndArchivedAndPages() {
        String list = lists.create("List", 1);
        String ready = """
                {"name": "%s", "subject": "s", "html": "<p>h</p>", "from": {"email": "a@example.com"},
                 "toLists": ["%s"]}""";
        String draft = caller.post("/v1/campaigns", ready.formatted("draft", list)).expect(201).data().path("id").asString();
        String scheduled = caller.post("/v1/campaigns", ready.formatted("scheduled", list)).expect(201).data()
                .path("id").asString();
        String archived = caller.post("/v1/campaigns", ready.formatted("archived", list)).expect(201).data()
                .path("id").asString();
        // A day ahead: a campaign sent for now would be started by the engine within a second.
        caller.post("/v1/campaigns/" + scheduled + "/send",
                "{\"scheduledAt\": \"" + Instant.now().plus(Duration.ofDays(1)) + "\"}").expect(200);
        caller.post("/v1/campaigns/" + archived + "/archive").expect(200);

        assertThat(ids(caller.get("/v1/campaigns").expect(200))).containsExactly(draft, scheduled, archived);
        assertThat(ids(caller.get("/v1/campaigns?status=scheduled").expect(200))).containsExactly(scheduled);
        assertThat(ids(caller.get("/v1/campaigns?status=draft").expect(200))).containsExactly(draft, archived);
        assertThat(ids(caller.get("/v1/campaigns?status=draft&archived=false").expect(200))).containsExactly(draft);
        assertThat(ids(caller.get("/v1/campaigns?archived=true").expect(200))).containsExactly(archived);
        assertThat(ids(caller.get("/v1/campaigns?status=sent").expect(200))).isEmpty();

        Reply page = caller.get("/v1/campaigns?page=2&limit=2").expect(200);
        assertThat(ids(page)).containsExactly(archived);
        assertThat(page.data().path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(page.data().path("pagination").path("pages").asInt()).isEqualTo(2);
        assertThat(page.data().path("campaigns").get(0).path("toLists").get(0).path("name").asString())
                .isEqualTo("List");

        Reply badStatus = caller.get("/v1/campaigns?status=done").expectInvalidField("status");
        assertThat(badStatus.error().path("details").get(0).path("message").asString()).contains("sending_gradual");
        caller.get("/v1/campaigns?archived=maybe").expectInvalidField("archived");
        caller.get("/v1/campaigns?page=0").expectInvalidField("page");
    }

    @Test
    void onlyDraftsCanBeDeleted() {
        String list = lists.create("List", 1);
        String draft = caller.post("/v1/campaigns", "{\"name\": \"draft\"}").expect(201).data().path("id").asString();

        Reply deleted = caller.delete("/v1/campaigns/" + draft).expect(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(deleted.json().path("message").asString()).isEqualTo("Campaign deleted successfully");
        assertThat(deleted.json().has("data")).isFalse();
        caller.get("/v1/campaigns/" + draft).expectError(404, "CAMPAIGN_NOT_FOUND");

        // A day ahead, so the engine cannot start it while the test looks.
        String scheduled = caller.post("/v1/campaigns", """
                {"name": "s", "subject": "s", "text": "t", "from": {"email": "a@example.com"}, "toLists": ["%s"],
                 "scheduledAt": "%s", "publish": true}""".formatted(list, Instant.now().plus(Duration.ofDays(1))))
                .expect(201).data().path("id").asString();
        Reply refused = caller.delete("/v1/campaigns/" + scheduled)
                .expectError(400, "ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED");
        assertThat(refused.error().path("message").asString()).isEqualTo("Only draft campaigns can be deleted");
        assertThat(caller.get("/v1/campaigns/" + scheduled).expect(200).data().path("status").asString())
                .isEqualTo("scheduled");
    }

    @Test
    void duplicateIsANewDraftWithTheSameContentAndListsAndNoHistory() {
        String list = lists.create("Readers", 2);
        JsonNode original = caller.post("/v1/campaigns", """
                {"name": "Launch", "subject": "New!", "html": "<p>new</p>", "from": {"email": "a@example.com"},
                 "toLists": ["%s"], "trackingOpen": false, "publish": true}""".formatted(list)).expect(201).data();
        String originalId = original.path("id").asString();
        caller.post("/v1/campaigns/" + originalId + "/pause").expect(200);

        Reply duplicated = caller.post("/v1/campaigns/" + originalId + "/duplicate").expect(201);
        JsonNode copy = duplicated.data();
        String copyId = copy.path("id").asString();

        assertThat(copyId).isNotEqualTo(originalId);
        assertThat(duplicated.header("Location")).isEqualTo("/v1/campaigns/" + copyId);
        assertThat(copy.path("name").asString()).isEqualTo("Launch (copy)");
        assertThat(copy.path("status").asString()).isEqualTo("draft");
        assertThat(copy.path("subject").asString()).isEqualTo("New!");
        assertThat(copy.path("html").asString()).isEqualTo("<p>new</p>");
        assertThat(copy.path("trackingOpen").asBoolean(true)).isFalse();
        assertThat(copy.path("toLists")).isEqualTo(original.path("toLists"));
        assertThat(copy.path("metrics").path("sent").asLong()).isZero();
        assertThat(copy.path("pausedAt").isNull()).isTrue();
        assertThat(caller.get("/v1/campaigns/" + originalId).data().path("status").asString()).isEqualTo("paused");

        String longName = "n".repeat(200);
        String long200 = caller.post("/v1/campaigns", "{\"name\": \"" + longName + "\"}").expect(201).data()
                .path("id").asString();
        String copiedName = caller.post("/v1/campaigns/" + long200 + "/duplicate").expect(201).data().path("name")
                .asString();
        assertThat(copiedName).hasSize(200).endsWith(" (copy)");
    }

    @Test
    void aCampaignCanTakeItsSubjectAndContentFromATemplateOfItsWorkspace() {
        String list = lists.create("List", 1);
        String template = caller.post("/v1/templates", """
                {"name": "Monthly", "subject": "This month", "html": "<p>news</p>"}""").expect(201).data()
                .path("id").asString();

        JsonNode campaign = caller.post("/v1/campaigns", """
                {"name": "From template", "templateId": "%s", "from": {"email": "a@example.com"}, "toLists": ["%s"],
                 "publish": true}""".formatted(template, list)).expect(201).data();

        assertThat(campaign.path("templateId").asString()).isEqualTo(template);
        assertThat(campaign.path("status").asString()).isEqualTo("scheduled");

        String foreignTemplate = api.newWorkspace().post("/v1/templates", "{\"name\": \"Theirs\"}").expect(201)
                .data().path("id").asString();
        caller.post("/v1/campaigns", "{\"name\": \"x\", \"templateId\": \"" + foreignTemplate + "\"}")
                .expectInvalidField("templateId");
    }

    @Test
    void anotherWorkspacesCampaignsAreIndistinguishableFromMissingOnes() {
        Caller other = api.newWorkspace();
        String theirs = other.post("/v1/campaigns", "{\"name\": \"Theirs\"}").expect(201).data().path("id").asString();
        caller.post("/v1/campaigns", "{\"name\": \"Mine\"}").expect(201);

        for (String id : List.of(theirs, UUID.randomUUID().toString(), "not-a-uuid")) {
            String path = "/v1/campaigns/" + id;
            Reply get = caller.get(path).expectError(404, "CAMPAIGN_NOT_FOUND");
            assertThat(get.error().path("message").asString()).isEqualTo("Campaign not found");
            caller.patch(path, "{\"name\": \"mine now\"}").expectError(404, "CAMPAIGN_NOT_FOUND");
            caller.delete(path).expectError(404, "CAMPAIGN_NOT_FOUND");
            for (String verb : List.of("duplicate", "send", "pause", "resume", "abort", "archive", "unarchive")) {
                caller.post(path + "/" + verb).expectError(404, "CAMPAIGN_NOT_FOUND");
            }
        }

        assertThat(ids(caller.get("/v1/campaigns").expect(200))).doesNotContain(theirs).hasSize(1);
        assertThat(ids(caller.get("/v1/campaigns?status=draft").expect(200))).doesNotContain(theirs);
        JsonNode untouched = other.get("/v1/campaigns/" + theirs).expect(200).data();
        assertThat(untouched.path("name").asString()).isEqualTo("Theirs");
        assertThat(untouched.path("status").asString()).isEqualTo("draft");
        assertThat(untouched.path("archived").asBoolean(true)).isFalse();
        assertThat(other.get("/v1/campaigns").data().path("pagination").path("total").asInt()).isEqualTo(1);
    }

    private static List<String> ids(Reply listing) {
        return listing.data().path("campaigns").valueStream().map(c -> c.path("id").asString()).toList();
    }
}
