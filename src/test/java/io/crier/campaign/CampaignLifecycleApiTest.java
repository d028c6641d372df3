package io.crier.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

/** The lifecycle over HTTP: send, pause, resume, abort, archive, and how repeats and refusals answer. */
@CrierApiTest
class CampaignLifecycleApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CampaignRepository repository;

    Api api;
    Caller caller;
    String list;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        caller = api.newWorkspace();
        list = new TestLists(jdbc, caller.workspaceId()).create("Readers", 2);
    }

    @Test
    void sendSchedulesADraftForNowAndRepeatingItChangesNothing() {
        String id = readyCampaign("immediate", "");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        JsonNode sent = caller.post(path(id, "send")).expect(200).data();

        assertThat(sent.path("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(sent.path("scheduledAt").asString())).isBetween(before, Instant.now());
        assertThat(sent.path("sentAt").isNull()).isTrue();
        // The engine may start the campaign between the two calls (it is due now), so the second
        // answer may show it sending; what the repeated call itself must not do is schedule it anew.
        JsonNode again = caller.post(path(id, "send")).expect(200).data();
        assertThat(again.path("scheduledAt")).as("not scheduled again").isEqualTo(sent.path("scheduledAt"));
        assertThat(again.path("status").asString()).isIn("scheduled", "sending", "sent");
    }

    @Test
    void sendCanNameTheStartTimeAndAPastTimeMeansNow() {
        String future = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString();
        String later = readyCampaign("immediate", "");
        JsonNode scheduled = caller.post(path(later, "send"), "{\"scheduledAt\": \"" + future + "\"}").expect(200).data();
        assertThat(scheduled.path("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(scheduled.path("scheduledAt").asString())).isEqualTo(Instant.parse(future));

        String past = readyCampaign("immediate", "");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode now = caller.post(path(past, "send"), "{\"scheduledAt\": \"2020-01-01T00:00:00Z\"}").expect(200).data();
        assertThat(Instant.parse(now.path("scheduledAt").asString())).isAfterOrEqualTo(before);

        caller.post(path(readyCampaign("immediate", ""), "send"), "{\"scheduledAt\": \"soon\"}")
                .expectInvalidField("scheduledAt");
        caller.post(path(readyCampaign("immediate", ""), "send"), "{\"scheduledAt\": \"2031-01-10T08:00:00\"}")
                .expectInvalidField("scheduledAt");
        String paris = readyCampaign("immediate", ", \"timezone\": \"Europe/Paris\"");
        assertThat(caller.post(path(paris, "send"), "{\"scheduledAt\": \"2031-01-10T08:00:00\"}").expect(200)
                .data().path("scheduledAt").asString()).isEqualTo("2031-01-10T07:00:00.000Z");
    }

    @Test
    void aScheduledModeCampaignIsSentForItsOwnTime() {
        String at = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString();
        String id = readyCampaign("scheduled", ", \"scheduledAt\": \"" + at + "\"");

        JsonNode sent = caller.post(path(id, "send")).expect(200).data();

        assertThat(sent.path("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(sent.path("scheduledAt").asString())).isEqualTo(Instant.parse(at));
    }

    @Test
    void publishWithSendNowOnCreateAnswersScheduledAsAutoSendDoes() {
        Reply created = caller.post("/v1/campaigns", """
                {"name": "Now", "subject": "s", "html": "<p>h</p>", "from": {"email": "a@example.com"},
                 "toLists": ["%s"], "publish": true, "sendNow": true}""".formatted(list)).expect(201);

        assertThat(created.data().path("status").asString()).isEqualTo("scheduled");
        assertThat(created.data().path("scheduledAt").isNull()).isFalse();
    }

    @Test
    void publishOnUpdateStartsTheEditedDraftInOneStep() {
        String id = caller.post("/v1/campaigns", "{\"name\": \"Later\", \"toLists\": [\"" + list + "\"]}")
                .expect(201).data().path("id").asString();
        String future = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        JsonNode published = caller.patch("/v1/campaigns/" + id, """
                {"subject": "s", "text": "t", "from": {"email": "a@example.com"}, "publish": true,
                 "scheduledAt": "%s"}""".formatted(future)).expect(200).data();

        assertThat(published.path("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(published.path("scheduledAt").asString())).isEqualTo(Instant.parse(future));
        assertThat(published.path("subject").asString()).isEqualTo("s");
    }

    @Test
    void startingNeedsASubjectASenderContentAndAList() {
        String id = caller.post("/v1/campaigns", "{\"name\": \"Empty\"}").expect(201).data().path("id").asString();

        caller.post(path(id, "send")).expectInvalidField("subject").expectInvalidField("from.email")
                .expectInvalidField("html").expectInvalidField("toLists");
        caller.patch("/v1/campaigns/" + id, "{\"publish\": true}").expectInvalidField("subject");
        assertThat(caller.get("/v1/campaigns/" + id).data().path("status").asString()).isEqualTo("draft");

        caller.post("/v1/campaigns", "{\"name\": \"Rushed\", \"subject\": \"s\", \"sendNow\": true}")
                .expectInvalidField("from.email");
        assertThat(caller.get("/v1/campaigns").data().path("pagination").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void pauseResumeAndAbortMoveAScheduledCampaignAndRepeatsAnswerTheCurrentState() {
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        String id = readyCampaign("immediate", "");
        caller.post(path(id, "send"), "{\"scheduledAt\": \"" + future + "\"}").expect(200);

        JsonNode paused = caller.post(path(id, "pause")).expect(200).data();
        assertThat(paused.path("status").asString()).isEqualTo("paused");
        assertThat(paused.path("pausedAt").isNull()).isFalse();
        assertThat(caller.post(path(id, "pause")).expect(200).data()).isEqualTo(paused);

        JsonNode resumed = caller.post(path(id, "resume")).expect(200).data();
        assertThat(resumed.path("status").asString()).as("its start time is still ahead").isEqualTo("scheduled");
        assertThat(resumed.path("resumedAt").isNull()).isFalse();
        assertThat(resumed.path("pausedAt").asString()).isEqualTo(paused.path("pausedAt").asString());
        assertThat(caller.post(path(id, "resume")).expect(200).data()).isEqualTo(resumed);

        JsonNode aborted = caller.post(path(id, "abort")).expect(200).data();
        assertThat(aborted.path("status").asString()).isEqualTo("aborted");
        assertThat(aborted.path("abortedAt").isNull()).isFalse();
        assertThat(caller.post(path(id, "abort")).expect(200).data()).isEqualTo(aborted);

        for (String verb : List.of("pause", "resume", "send")) {
            Reply refused = caller.post(path(id, verb)).expectError(422, "INVALID_STATE_TRANSITION");
            assertThat(refused.error().path("message").asString()).contains("aborted");
        }
        caller.patch("/v1/campaigns/" + id, "{\"subject\": \"too late\"}").expectError(422, "INVALID_STATE_TRANSITION");
        caller.delete("/v1/campaigns/" + id).expectError(400, "ONLY_DRAFT_CAMPAIGNS_CAN_BE_DELETED");
        assertThat(caller.get("/v1/campaigns/" + id).data()).isEqualTo(aborted);
    }

    @Test
    void pausingADraftChangesNothingButResumingOrAbortingItIsRefused() {
        String id = readyCampaign("immediate", "");
        JsonNode draft = caller.get("/v1/campaigns/" + id).data();

        assertThat(caller.post(path(id, "pause")).expect(200).data()).isEqualTo(draft);
        assertThat(caller.post(path(id, "resume")).expectError(422, "INVALID_STATE_TRANSITION").error()
                .path("message").asString()).contains("draft");
        caller.post(path(id, "abort")).expectError(422, "INVALID_STATE_TRANSITION");
        assertThat(caller.get("/v1/campaigns/" + id).data()).isEqualTo(draft);
    }

    @Test
    void resumeContinuesAStartedCampaignBySendMode() {
        String gradual = readyCampaign("gradual", ", \"gradual\": {\"emailsPerDay\": 50}");
        caller.post(path(gradual, "send")).expect(200);
        Eventually.status(caller, gradual, "sending_gradual");
        caller.post(path(gradual, "pause")).expect(200);

        assertThat(caller.post(path(gradual, "resume")).expect(200).data().path("status").asString())
                .isEqualTo("sending_gradual");
        assertThat(caller.post(path(gradual, "resume")).expect(200).data().path("status").asString())
                .isEqualTo("sending_gradual");
        caller.patch("/v1/campaigns/" + gradual, "{\"subject\": \"mid-send\"}")
                .expectError(422, "INVALID_STATE_TRANSITION");
        caller.post(path(gradual, "abort")).expect(200);
    }

    @Test
    void aCampaignPausedBeforeItStartedResumesToScheduledAndStartsWhenItsTimeHasCome() {
        String id = readyCampaign("immediate", "");
        caller.post(path(id, "send"), "{\"scheduledAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .expect(200);
        caller.post(path(id, "pause")).expect(200);
        caller.patch("/v1/campaigns/" + id, "{\"scheduledAt\": \"2020-01-01T00:00:00Z\"}").expect(200);

        assertThat(caller.post(path(id, "resume")).expect(200).data().path("status").asString())
                .as("its audience has not been taken yet").isEqualTo("scheduled");
        JsonNode sent = Eventually.status(caller, id, "sent").data();
        assertThat(sent.path("metrics").path("sent").asInt()).isEqualTo(2);
    }

    @Test
    void scheduledAndPausedCampaignsStayEditableButMustStaySendable() {
        String id = readyCampaign("immediate", "");
        caller.post(path(id, "send"), "{\"scheduledAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .expect(200);

        assertThat(caller.patch("/v1/campaigns/" + id, "{\"subject\": \"Better\"}").expect(200).data()
                .path("subject").asString()).isEqualTo("Better");
        caller.patch("/v1/campaigns/" + id, "{\"subject\": null}").expectInvalidField("subject");
        caller.patch("/v1/campaigns/" + id, "{\"toLists\": []}").expectInvalidField("toLists");

        caller.post(path(id, "pause")).expect(200);
        JsonNode edited = caller.patch("/v1/campaigns/" + id, "{\"html\": \"<p>fixed</p>\"}").expect(200).data();
        assertThat(edited.path("html").asString()).isEqualTo("<p>fixed</p>");
        assertThat(edited.path("status").asString()).isEqualTo("paused");
    }

    @Test
    void onlyCampaignsNotInFlightCanBeArchivedAndArchivedOnesAreFrozen() {
        String draft = readyCampaign("immediate", "");
        JsonNode archived = caller.post(path(draft, "archive")).expect(200).data();
        assertThat(archived.path("archived").asBoolean()).isTrue();
        assertThat(archived.path("status").asString()).isEqualTo("draft");
        assertThat(caller.post(path(draft, "archive")).expect(200).data()).isEqualTo(archived);

        for (String verb : List.of("send", "pause", "resume", "abort")) {
            assertThat(caller.post(path(draft, verb)).expectError(422, "INVALID_STATE_TRANSITION").error()
                    .path("message").asString()).contains("archived");
        }
        caller.patch("/v1/campaigns/" + draft, "{\"name\": \"renamed\"}").expectError(422, "INVALID_STATE_TRANSITION");

        JsonNode unarchived = caller.post(path(draft, "unarchive")).expect(200).data();
        assertThat(unarchived.path("archived").asBoolean(true)).isFalse();
        assertThat(caller.post(path(draft, "unarchive")).expect(200).data()).isEqualTo(unarchived);

        String scheduled = readyCampaign("immediate", "");
        caller.post(path(scheduled, "send")).expect(200);
        // The housekeeper's round may start it before the archive call: either way it is in flight.
        assertThat(caller.post(path(scheduled, "archive")).expectError(422, "INVALID_STATE_TRANSITION").error()
                .path("message").asString()).containsAnyOf("status is scheduled", "status is sending");
        caller.post(path(scheduled, "abort")).expect(200);
        assertThat(caller.post(path(scheduled, "archive")).expect(200).data().path("archived").asBoolean()).isTrue();

        caller.post(path(draft, "archive")).expect(200);
        caller.delete("/v1/campaigns/" + draft).expect(200);
    }

    @Test
    void concurrentPausesApplyOnceAndAllAnswerThePausedCampaign() throws Exception {
        String id = readyCampaign("immediate", "");
        caller.post(path(id, "send"), "{\"scheduledAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .expect(200);
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return caller.post(path(id, "pause"));
                }));
            }
            start.countDown();
        }

        List<String> pausedAts = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            JsonNode campaign = reply.get().expect(200).data();
            assertThat(campaign.path("status").asString()).isEqualTo("paused");
            pausedAts.add(campaign.path("pausedAt").asString());
        }
        assertThat(pausedAts).as("one pause applied; the rest were no-ops").containsOnly(pausedAts.getFirst());
        assertThat(caller.get("/v1/campaigns/" + id).data().path("pausedAt").asString()).isEqualTo(pausedAts.getFirst());
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefusedByTheDatabase() {
        String id = readyCampaign("immediate", "");
        UUID workspaceId = UUID.fromString(caller.workspaceId());
        Campaign read = repository.find(workspaceId, UUID.fromString(id)).orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Campaign paused = read.moved(CampaignStateMachine.Action.PAUSE,
                new CampaignStateMachine.Move(CampaignStatus.PAUSED, false), now);
        Campaign archived = read.moved(CampaignStateMachine.Action.ARCHIVE,
                new CampaignStateMachine.Move(CampaignStatus.DRAFT, true), now);

        assertThat(repository.save(read, archived)).isTrue();
        assertThat(repository.save(read, paused)).as("the row moved on since it was read").isFalse();
        assertThat(repository.delete(read)).isFalse();
        Campaign stored = repository.find(workspaceId, UUID.fromString(id)).orElseThrow();
        assertThat(stored.archived()).isTrue();
        assertThat(stored.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(stored.version()).isEqualTo(read.version() + 1);
    }

    @Test
    void lifecycleVerbsNeedTheSendScopeWhileArchivingNeedsWrite() {
        String id = readyCampaign("immediate", "");
        Caller withoutSend = writer();

        for (String verb : List.of("send", "pause", "resume", "abort")) {
            withoutSend.post(path(id, verb)).expectError(403, "FORBIDDEN");
        }
        withoutSend.post(path(id, "archive")).expect(200);
    }

    /** {@code publish} and {@code sendNow} start a campaign as the send verb does, so they need its scope too. */
    @Test
    void startingOnCreateOrUpdateNeedsTheSendScope() {
        Caller withoutSend = writer();
        String ready = """
                {"name": "Ready", "subject": "Hello", "html": "<p>Hello</p>", "from": {"email": "news@example.com"},
                 "toLists": ["%s"], "%s": true}""";
        for (String start : List.of("publish", "sendNow")) {
            Reply refused = withoutSend.post("/v1/campaigns", ready.formatted(list, start)).expectError(403, "FORBIDDEN");
            assertThat(refused.error().path("message").asString()).contains("'send'");
        }
        assertThat(caller.get("/v1/campaigns").expect(200).data().path("campaigns").size())
                .as("nothing created").isZero();

        String id = readyCampaign("immediate", "");
        for (String start : List.of("publish", "sendNow")) {
            withoutSend.patch("/v1/campaigns/" + id, "{\"subject\": \"Now\", \"" + start + "\": true}")
                    .expectError(403, "FORBIDDEN");
        }
        JsonNode draft = withoutSend.patch("/v1/campaigns/" + id, "{\"subject\": \"Edited\"}").expect(200).data();
        assertThat(draft.path("status").asString()).as("a draft is write's to edit").isEqualTo("draft");
        assertThat(draft.path("subject").asString()).as("the refused calls changed nothing").isEqualTo("Edited");

        JsonNode started = caller.patch("/v1/campaigns/" + id, "{\"publish\": true}").expect(200).data();
        assertThat(started.path("status").asString()).isNotEqualTo("draft");
    }

    /** Once a key with send approved a campaign, changing what it sends or to whom needs send too. */
    @Test
    void editingACampaignThatIsNoLongerADraftNeedsTheSendScope() {
        Caller withoutSend = writer();
        String otherList = new TestLists(jdbc, caller.workspaceId()).create("Others", 1);
        String id = readyCampaign("immediate", "");
        caller.post(path(id, "send"), "{\"scheduledAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .expect(200);

        for (String status : List.of("scheduled", "paused")) {
            for (String edit : List.of("{\"html\": \"<p>Changed</p>\"}", "{\"toLists\": [\"" + otherList + "\"]}")) {
                Reply refused = withoutSend.patch("/v1/campaigns/" + id, edit).expectError(403, "FORBIDDEN");
                assertThat(refused.error().path("message").asString()).contains("'send'").contains(status);
            }
            JsonNode unchanged = caller.get("/v1/campaigns/" + id).expect(200).data();
            assertThat(unchanged.path("html").asString()).isEqualTo("<p>Hello</p>");
            assertThat(unchanged.path("status").asString()).isEqualTo(status);
            caller.post(path(id, "pause")).expect(200);
        }
        assertThat(caller.patch("/v1/campaigns/" + id, "{\"html\": \"<p>Changed</p>\"}").expect(200).data()
                .path("html").asString()).isEqualTo("<p>Changed</p>");
    }

    /** What a campaign under way sends, and to whom, cannot be deleted from under it, whatever the key's scopes. */
    @Test
    void theListsAndTemplateOfACampaignUnderWayCannotBeDeletedUntilItEnds() {
        String template = caller.post("/v1/templates", "{\"name\": \"T\", \"subject\": \"S\", \"text\": \"Hi\"}")
                .expect(201).data().path("id").asString();
        String id = readyCampaign("immediate", ", \"templateId\": \"" + template + "\"");
        caller.post(path(id, "send"), "{\"scheduledAt\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                .expect(200);

        Reply refused = caller.delete("/v1/lists/" + list).expectError(409, "CONFLICT");
        assertThat(refused.error().path("message").asString()).contains("Ready");
        caller.delete("/v1/templates/" + template).expectError(400, "DELETE_TEMPLATE_FAILED");
        JsonNode campaign = caller.get("/v1/campaigns/" + id).expect(200).data();
        assertThat(campaign.path("toLists").size()).isEqualTo(1);
        assertThat(campaign.path("templateId").asString()).isEqualTo(template);

        caller.post(path(id, "abort")).expect(200);
        caller.delete("/v1/lists/" + list).expect(200);
        caller.delete("/v1/templates/" + template).expect(200);
    }

    /** A key of the test's workspace with read and write but not send. */
    private Caller writer() {
        return caller.withKey(caller.post("/v1/api-keys", "{\"name\": \"writer\", \"scopes\": [\"read\", \"write\"]}")
                .expect(201).data().path("key").asString());
    }

    /** A campaign with everything it needs to start, in the given send mode; {@code extra} adds JSON properties. */
    private String readyCampaign(String sendMode, String extra) {
        return caller.post("/v1/campaigns", """
                {"name": "Ready", "subject": "Hello", "html": "<p>Hello</p>", "from": {"email": "news@example.com"},
                 "toLists": ["%s"], "sendMode": "%s"%s}""".formatted(list, sendMode, extra))
                .expect(201).data().path("id").asString();
    }

    private static String path(String id, String verb) {
        return "/v1/campaigns/" + id + "/" + verb;
    }
}
