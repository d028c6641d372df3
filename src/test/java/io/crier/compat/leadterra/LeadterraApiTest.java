package io.crier.compat.leadterra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Received;
import io.crier.support.WebhookReceiver;

import tools.jackson.databind.JsonNode;

/**
 * Leadterra's campaign API, request by request and error by error as its reference pages and the
 * vendor reference describe them, against a running Crier that really sends (to a relay on
 * loopback) on a clock the test moves, so each step's delay can be watched. The same campaigns
 * are read through the native API, whose view and counts must agree. Leadterra clients send the
 * workspace's key as Bearer, like native ones.
 */
class LeadterraApiTest extends ClockedEngineCase {

    static final String CAMPAIGNS = "/leadterra/v1/campaigns";

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    @Test
    void createAnswersADraftWithItsSequenceAtTheTopLevelAndUnderCampaign() {
        Reply reply = caller.post(CAMPAIGNS, Map.of("name", "Q3 outbound", "sequenceSteps", List.of(
                Map.of("subject", "Quick question", "bodyHtml", "<p>Hi {{firstName}}</p>", "delayDays", 0),
                Map.of("subject", "Following up", "bodyHtml", "<p>Bump</p>", "delayDays", 3)))).expect(201);

        JsonNode created = reply.json();
        assertThat(created.propertyNames()).containsExactlyInAnyOrder("id", "name", "status", "sequenceSteps",
                "createdAt", "campaign");
        assertThat(created.path("status").asString()).isEqualTo("draft");
        assertThat(created.path("name").asString()).isEqualTo("Q3 outbound");
        assertThat(created.path("sequenceSteps").path(1).path("delayDays").asInt()).isEqualTo(3);
        assertThat(created.path("sequenceSteps").path(0).path("bodyHtml").asString()).isEqualTo("<p>Hi {{firstName}}</p>");
        assertThat(Instant.parse(created.path("createdAt").asString())).isEqualTo(clock.instant());
        JsonNode nested = created.path("campaign");
        assertThat(nested.propertyNames()).containsExactlyInAnyOrder("id", "name", "status", "sequenceSteps",
                "createdAt");
        created.properties().stream().filter(field -> !field.getKey().equals("campaign"))
                .forEach(field -> assertThat(nested.get(field.getKey())).isEqualTo(field.getValue()));

        JsonNode native_ = caller.get("/v1/campaigns/" + created.path("id").asString()).expect(200).data();
        assertThat(native_.path("status").asString()).isEqualTo("draft");
        assertThat(native_.path("subject").asString()).isEqualTo("Quick question");
        assertThat(native_.path("from").path("email").asString()).isEqualTo("leadterra@crier.test");
        assertThat(native_.path("steps").path(0).path("subject").asString()).isEqualTo("Following up");
        assertThat(native_.path("steps").path(0).path("delayDays").asInt()).isEqualTo(3);
        assertThat(native_.path("toLists").path(0).path("name").asString()).isEqualTo("Q3 outbound");
    }

    @Test
    void badRequestsAreInvalidRequestNamingTheField() {
        expectError(caller.post(CAMPAIGNS, Map.of("sequenceSteps", List.of())), 400, "invalid_request", "name");
        expectError(caller.post(CAMPAIGNS, Map.of("name", "x", "sequenceSteps", List.of(
                Map.of("subject", "s", "bodyHtml", "b", "delayDays", 1)))), 400, "invalid_request",
                "sequenceSteps[0].delayDays");
        expectError(caller.post(CAMPAIGNS, Map.of("name", "x", "sequenceSteps", List.of(
                Map.of("subject", "s", "bodyHtml", "b"), Map.of("bodyHtml", "b", "delayDays", 1)))), 400,
                "invalid_request", "sequenceSteps[1].subject");
        expectError(caller.post(CAMPAIGNS, "{\"name\": 42}"), 400, "invalid_request", "name");
        String id = draft(List.of(step("s", 0)));
        expectError(caller.post(CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads", "x")), 400,
                "invalid_request", "leads");
        expectError(caller.post(CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads", List.of())), 400,
                "invalid_request", "leads");
        Reply problem = caller.post(CAMPAIGNS, Map.of("sequenceSteps", List.of()));
        assertThat(problem.json().propertyNames()).containsExactlyInAnyOrder("error", "errors");
        assertThat(problem.json().path("error").propertyNames()).containsExactlyInAnyOrder("code", "message");
        assertThat(problem.json().path("errors").path(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void aMissingOrUnknownKeyIsAuthenticationFailedAndAKeyWithoutTheScopeIsPermissionDenied() {
        String id = draft(List.of(step("s", 0)));
        for (Caller stranger : List.of(api.anonymous(), api.withKey("crier_no_such_key"))) {
            for (Reply reply : List.of(stranger.post(CAMPAIGNS + "/" + id + "/pause"),
                    stranger.get(CAMPAIGNS + "/" + id + "/stats"), stranger.post(CAMPAIGNS, Map.of("name", "x")))) {
                expectError(reply, 401, "authentication_failed", null);
            }
        }
        expectError(caller.basic().post(CAMPAIGNS + "/" + id + "/pause"), 401, "authentication_failed", null);
        String readOnly = caller.post("/v1/api-keys", Map.of("name", "reader", "scopes", List.of("read")))
                .expect(201).data().path("key").asString();
        Caller reader = caller.withKey(readOnly);
        reader.get(CAMPAIGNS + "/" + id + "/stats").expect(200);
        expectError(reader.post(CAMPAIGNS + "/" + id + "/start"), 403, "permission_denied", null);
        expectError(reader.post(CAMPAIGNS, Map.of("name", "x")), 403, "permission_denied", null);
    }

    @Test
    void anUnknownCampaignOrOneOfAnotherWorkspaceIsCampaignNotFound() {
        String theirs = draft(api.newWorkspace(), List.of(step("s", 0)));
        for (String id : List.of(theirs, UUID.randomUUID().toString(), "camp_123")) {
            expectError(caller.post(CAMPAIGNS + "/" + id + "/start"), 404, "campaign_not_found", null);
            expectError(caller.post(CAMPAIGNS + "/" + id + "/pause"), 404, "campaign_not_found", null);
            expectError(caller.get(CAMPAIGNS + "/" + id + "/stats"), 404, "campaign_not_found", null);
            expectError(caller.post(CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads",
                    List.of(Map.of("email", "a@example.org")))), 404, "campaign_not_found", null);
        }
    }

    @Test
    void startNeedsLeadsAndASequence() {
        String empty = draft(List.of());
        expectError(caller.post(CAMPAIGNS + "/" + empty + "/start"), 400, "no_leads_enrolled", null);
        enrol(empty, List.of(Map.of("email", email("a"))));
        expectError(caller.post(CAMPAIGNS + "/" + empty + "/start"), 400, "no_sequence_steps", null);
        assertThat(nativeStatus(empty)).isEqualTo("draft");
    }

    @Test
    void leadsAreUpsertedByEmailAndEnrolledOnceInvalidOnesAre422WithNothingStoredAndOnesOnTheSuppressionListSkipped() {
        String id = draft(List.of(step("Hi {{ firstName }} at {{ company }}", 0)));
        JsonNode first = enrol(id, List.of(Map.of("email", email("ava"), "firstName", "Ava", "company", "ExampleCo"),
                Map.of("email", email("bo"), "customFields", Map.of("useCase", "reporting")))).expect(200).json();
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("enrolled", "updated", "total", "skipped");
        assertCounts(first, 2, 0, 0);

        JsonNode contact = caller.post("/v1/contacts/email", Map.of("email", email("bo"))).expect(200).data();
        assertThat(contact.path("customFields").path("useCase").asString()).isEqualTo("reporting");

        JsonNode again = enrol(id, List.of(Map.of("email", email("AVA").toUpperCase(), "jobTitle", "VP Sales"),
                Map.of("email", email("cy")))).expect(200).json();
        assertCounts(again, 1, 1, 0);
        JsonNode ava = caller.post("/v1/contacts/email", Map.of("email", email("ava"))).expect(200).data();
        assertThat(ava.path("firstName").asString()).as("only the fields given change").isEqualTo("Ava");
        assertThat(ava.path("customFields").path("company").asString()).isEqualTo("ExampleCo");
        assertThat(ava.path("customFields").path("jobTitle").asString()).isEqualTo("VP Sales");

        Reply invalid = enrol(id, List.of(Map.of("email", email("dee")), Map.of("email", "not-an-email"),
                Map.of("firstName", "No email")));
        expectError(invalid, 422, "invalid_leads", "leads[1].email");
        assertThat(invalid.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("leads[1].email", "leads[2].email");
        caller.post("/v1/contacts/email", Map.of("email", email("dee"))).expect(201);

        JsonNode suppressed = caller.post("/leadterra/v1/suppression-list", Map.of("emails",
                List.of(email("eve"), email("EVE").toUpperCase()))).expect(200).json();
        assertThat(suppressed).isEqualTo(Api.JSON.readTree("{\"added\": 1, \"alreadySuppressed\": 0}"));
        assertThat(caller.post("/leadterra/v1/suppression-list", Map.of("email", email("eve"))).expect(200).json()
                .path("alreadySuppressed").asInt()).isEqualTo(1);
        assertThat(caller.get("/v1/suppressions?email=" + email("eve")).expect(200).data().path("suppressions")
                .path(0).path("reason").asString()).as("the native list, as added by hand").isEqualTo("manual");
        expectError(caller.post("/leadterra/v1/suppression-list", Map.of("emails", List.of("not-an-email"))), 400,
                "invalid_request", "emails[0]");
        expectError(caller.post("/leadterra/v1/suppression-list", Map.of()), 400, "invalid_request", "emails");
        assertCounts(enrol(id, List.of(Map.of("email", email("eve")), Map.of("email", email("fay"))))
                .expect(200).json(), 1, 0, 1);
        assertThat(stats(id).path("totalEnrolled").asInt()).as("everyone in the campaign's list")
                .isEqualTo(5);
    }

    @Test
    void aSequenceRunsStepByStepOnTheLeadsClockPauseHoldsItStartResumesItEvenOnceItsLeadsAreDone() {
        String id = draft(List.of(step("Hello {{ firstName }}", 0), step("Second for {{ company }}", 2),
                step("Third", 1)));
        List<String> leads = List.of(email("a"), email("b"));
        enrol(id, List.of(Map.of("email", leads.get(0), "firstName", "Ann", "company", "Acme"),
                Map.of("email", leads.get(1), "firstName", "Ben", "company", "Bolt"))).expect(200);

        JsonNode started = caller.post(CAMPAIGNS + "/" + id + "/start").expect(200).json();
        assertThat(started.propertyNames()).containsExactly("id", "status", "startedAt");
        assertThat(started.path("status").asString()).isEqualTo("running");
        assertThat(Instant.parse(started.path("startedAt").asString())).isEqualTo(clock.instant());
        awaitSent(id, 2);
        assertThat(subjects(leads.get(0), leads)).containsExactly("Hello Ann");
        JsonNode running = stats(id);
        assertThat(running.path("sent").asInt()).isEqualTo(2);
        assertThat(running.path("queued").asInt()).as("the second steps, waiting for their delay").isEqualTo(2);
        assertThat(caller.post(CAMPAIGNS + "/" + id + "/start").expect(200).json())
                .as("start on a running campaign is a no-op").isEqualTo(started);

        JsonNode paused = caller.post(CAMPAIGNS + "/" + id + "/pause").expect(200).json();
        assertThat(paused.propertyNames()).containsExactly("id", "status", "pausedAt");
        assertThat(paused.path("id").asString()).isEqualTo(id);
        assertThat(paused.path("status").asString()).isEqualTo("paused");
        assertThat(caller.post(CAMPAIGNS + "/" + id + "/pause").expect(200).json())
                .as("pause on a paused campaign returns the current state").isEqualTo(paused);
        clock.advance(Duration.ofDays(3));
        awaitDispatched(leads);
        assertThat(received(leads)).as("nothing while paused").hasSize(2);
        assertThat(stats(id).path("queued").asInt()).as("held while paused").isEqualTo(2);

        JsonNode resumed = caller.post(CAMPAIGNS + "/" + id + "/start").expect(200).json();
        assertThat(resumed.path("status").asString()).isEqualTo("running");
        assertThat(Instant.parse(resumed.path("startedAt").asString())).isEqualTo(clock.instant());
        awaitSent(id, 4);
        assertThat(subjects(leads.get(1), leads)).containsExactly("Hello Ben", "Second for Bolt");

        String late = email("late");
        assertCounts(enrol(id, List.of(Map.of("email", late, "firstName", "Lou"))).expect(200).json(), 1, 0, 0);
        awaitSent(id, 5);
        assertThat(subjects(late, List.of(late))).as("a lead added to a running campaign starts at step 1")
                .containsExactly("Hello Lou");

        clock.advance(Duration.ofDays(1));
        awaitSent(id, 7);
        clock.advance(Duration.ofDays(1));
        awaitSent(id, 8);
        clock.advance(Duration.ofDays(1));
        awaitSent(id, 9);
        JsonNode finished = Eventually.status(caller, id, "sent").data();

        JsonNode stats = stats(id);
        assertThat(stats.propertyNames()).containsExactlyInAnyOrder("campaignId", "totalEnrolled", "sent",
                "delivered", "bounced", "replied", "queued", "openRate", "replyRate");
        assertThat(stats.path("campaignId").asString()).isEqualTo(id);
        JsonNode metrics = finished.path("metrics");
        assertThat(stats.path("totalEnrolled").asInt()).isEqualTo(metrics.path("totalContacts").asInt()).isEqualTo(3);
        assertThat(stats.path("sent").asInt()).isEqualTo(metrics.path("sent").asInt()).isEqualTo(9);
        assertThat(stats.path("delivered").asInt()).isEqualTo(metrics.path("delivered").asInt());
        assertThat(stats.path("bounced").asInt()).isEqualTo(metrics.path("bounced").asInt()).isZero();
        assertThat(stats.path("replied").asInt()).isZero();
        assertThat(stats.path("queued").asInt()).isZero();
        assertThat(stats.path("openRate").asDouble()).isZero();
        assertThat(stats.path("replyRate").asDouble()).isZero();
        assertThat(received(List.of(leads.get(0), leads.get(1), late))).hasSize(9);

        assertThat(caller.post(CAMPAIGNS + "/" + id + "/start").expect(200).json().path("status").asString())
                .as("Leadterra has no finished state: a sequence whose leads are done still runs").isEqualTo("running");
        JsonNode pauseFinished = caller.post(CAMPAIGNS + "/" + id + "/pause").expect(200).json();
        assertThat(pauseFinished.path("status").asString()).isEqualTo("paused");
        assertThat(Instant.parse(pauseFinished.path("pausedAt").asString())).isEqualTo(clock.instant());
        assertThat(nativeStatus(id)).isEqualTo("paused");

        String held = email("held");
        assertCounts(enrol(id, List.of(Map.of("email", held, "firstName", "Hal"))).expect(200).json(), 1, 0, 0);
        awaitDispatched(List.of(held));
        assertThat(received(List.of(held))).as("a lead enrolled while paused is held").isEmpty();
        assertThat(stats(id).path("queued").asInt()).as("its first step, held").isEqualTo(1);
        assertThat(caller.post(CAMPAIGNS + "/" + id + "/start").expect(200).json().path("status").asString())
                .isEqualTo("running");
        awaitSent(id, 10);
        assertThat(subjects(held, List.of(held))).as("start releases it").containsExactly("Hello Hal");
    }

    @Test
    void pauseOnADraftReturnsItAndAnAbortedCampaignCanNeitherStartNorTakeLeads() {
        String id = draft(List.of(step("s", 0)));
        JsonNode draft = caller.post(CAMPAIGNS + "/" + id + "/pause").expect(200).json();
        assertThat(draft.path("status").asString()).isEqualTo("draft");
        assertThat(draft.path("pausedAt").isNull()).isTrue();
        assertThat(nativeStatus(id)).isEqualTo("draft");

        enrol(id, List.of(Map.of("email", email("a")))).expect(200);
        caller.post(CAMPAIGNS + "/" + id + "/start").expect(200);
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
        expectError(caller.post(CAMPAIGNS + "/" + id + "/start"), 400, "invalid_request", null);
        expectError(enrol(id, List.of(Map.of("email", email("b")))), 400, "invalid_request", null);
        assertThat(caller.post(CAMPAIGNS + "/" + id + "/pause").expect(200).json().path("status").asString())
                .isEqualTo("aborted");
    }

    /**
     * Leads enrolled into a draft only join its audience (write); into a campaign that has started
     * they are mailed at once, which needs send, as starting it does. Registering a webhook needs
     * admin, as natively.
     */
    @Test
    void enrollingIntoAStartedCampaignNeedsSendAndRegisteringAWebhookNeedsAdmin() {
        Caller writer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "writer", "scopes",
                List.of("read", "write"))).expect(201).data().path("key").asString());
        String id = draft(List.of(step("s", 0)));
        String first = email("first");
        writer.post(CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads", List.of(Map.of("email", first))))
                .expect(200);
        caller.post(CAMPAIGNS + "/" + id + "/start").expect(200);
        awaitSent(id, 1);

        String late = email("late");
        Reply refused = writer.post(CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads", List.of(Map.of("email", late))));
        expectError(refused, 403, "permission_denied", null);
        assertThat(refused.json().path("error").path("message").asString()).contains("'send'");
        assertThat(caller.get("/v1/contacts?email=" + late).expect(200).data().path("contacts").size())
                .as("the refused lead was not stored").isZero();
        assertThat(stats(id).path("queued").asInt()).as("nothing queued for the refused lead").isZero();

        expectError(writer.post("/leadterra/v1/webhooks", Map.of("url", "https://hooks.example.org/x",
                "events", List.of("message.sent"))), 403, "permission_denied", null);
    }

    @Test
    void webhooksRegisteredThroughLeadterraGetItsEventsSignedItsWay() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String url = receiver.newEndpoint();
            JsonNode created = caller.post("/leadterra/v1/webhooks", Map.of("url", url, "events",
                    List.of("campaign.started", "message.sent", "message.bounced", "reply.received")))
                    .expect(201).json();
            assertThat(created.propertyNames()).containsExactly("webhook");
            JsonNode webhook = created.path("webhook");
            assertThat(webhook.propertyNames()).containsExactlyInAnyOrder("id", "url", "events", "status", "createdAt",
                    "secret");
            assertThat(webhook.path("status").asString()).isEqualTo("active");
            assertThat(webhook.path("url").asString()).isEqualTo(url);
            expectError(caller.post("/leadterra/v1/webhooks", Map.of("url", url, "events", List.of("delivery.sent"))),
                    400, "invalid_request", "events[0]");
            expectError(caller.post("/leadterra/v1/webhooks", Map.of("events", List.of("message.sent"))), 400,
                    "invalid_request", "url");

            String id = draft(List.of(step("Hello {{ firstName }}", 0)));
            String bouncing = email("bounce");
            smtp.fail(bouncing, ScriptedSmtpServer.Fault.PERMANENT, 1);
            enrol(id, List.of(Map.of("email", email("ok"), "firstName", "Ok"), Map.of("email", bouncing)))
                    .expect(200);
            caller.post(CAMPAIGNS + "/" + id + "/start").expect(200);

            List<WebhookReceiver.Request> received = Eventually.await("three Leadterra events", Duration.ofSeconds(30),
                    () -> receiver.received(url), requests -> requests.size() >= 3);
            assertThat(received).extracting(WebhookReceiver.Request::event)
                    .containsExactlyInAnyOrder("campaign.started", "message.sent", "message.bounced");
            assertThat(received).allSatisfy(request -> assertThat(request.signedWith(
                    webhook.path("secret").asString(), "X-Leadterra-Signature", "")).as("signature").isTrue());
            assertThat(received).extracting(r -> r.json().path("data").path("campaignId").asString()).containsOnly(id);
        }
    }

    @Test
    void aWebhookUrlLongerThanItsColumnIsRefusedNamingUrlAndNothingIsStored() {
        String url = "https://hooks.example.org/" + "a".repeat(3_000);
        int before = caller.get("/v1/webhooks").expect(200).data().path("webhooks").size();

        expectError(caller.post("/leadterra/v1/webhooks", Map.of("url", url, "events", List.of("message.sent"))), 400,
                "invalid_request", "url");
        assertThat(caller.get("/v1/webhooks").expect(200).data().path("webhooks").size()).isEqualTo(before);
    }

    private String draft(List<Map<String, Object>> steps) {
        return draft(caller, steps);
    }

    private static String draft(Caller owner, List<Map<String, Object>> steps) {
        return owner.post(CAMPAIGNS, Map.of("name", "Sequence", "sequenceSteps", steps)).expect(201).json()
                .path("id").asString();
    }

    private static Map<String, Object> step(String subject, int delayDays) {
        return Map.of("subject", subject, "bodyHtml", "<p>" + subject + "</p>", "delayDays", delayDays);
    }

    private Reply enrol(String id, List<Map<String, Object>> leads) {
        return caller.post(CAMPAIGNS + "/" + id + "/leads/bulk", Map.of("leads", leads));
    }

    private JsonNode stats(String id) {
        return caller.get(CAMPAIGNS + "/" + id + "/stats").expect(200).json();
    }

    private String nativeStatus(String id) {
        return caller.get("/v1/campaigns/" + id).expect(200).data().path("status").asString();
    }

    private String email(String name) {
        return name + "-" + tag + "@example.org";
    }

    private static void assertCounts(JsonNode counts, int enrolled, int updated, int skipped) {
        assertThat(counts.path("enrolled").asInt()).as("enrolled in %s", counts).isEqualTo(enrolled);
        assertThat(counts.path("updated").asInt()).as("updated in %s", counts).isEqualTo(updated);
        assertThat(counts.path("total").asInt()).as("total in %s", counts).isEqualTo(enrolled + updated);
        assertThat(counts.path("skipped").asInt()).as("skipped in %s", counts).isEqualTo(skipped);
    }

    /** Leadterra's error shape, its status and code, and (if given) the field named in the message. */
    private static void expectError(Reply reply, int status, String code, String field) {
        reply.expect(status);
        assertThat(reply.json().path("error").path("code").asString()).as("code of %s", reply.body()).isEqualTo(code);
        assertThat(reply.json().has("success")).as("no native envelope in %s", reply.body()).isFalse();
        String message = reply.json().path("error").path("message").asString("");
        assertThat(message).as("message of %s", reply.body()).isNotBlank();
        if (field != null) {
            assertThat(message).as("the field named in %s", reply.body()).contains(field + " ");
        }
    }

    /** Waits until this many of the campaign's messages are recorded as sent (the next steps count from then). */
    private void awaitSent(String id, int count) {
        Eventually.await(count + " sent", Duration.ofSeconds(15), () -> caller.get("/v1/campaigns/" + id
                + "/deliveries?status=sent&limit=1").expect(200).data().path("pagination").path("total").asInt(),
                n -> n >= count);
    }

    private List<String> subjects(String email, List<String> audience) {
        return received(audience).stream().filter(r -> r.recipient().equals(email)).map(r -> r.header("Subject"))
                .toList();
    }

    private List<Received> received(List<String> emails) {
        var mine = new HashSet<>(emails);
        return smtp.received().stream().filter(r -> mine.contains(r.recipient())).toList();
    }
}
