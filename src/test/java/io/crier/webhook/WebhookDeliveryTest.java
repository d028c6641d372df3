package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.CampaignRef;
import io.crier.shared.ApiException;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CampaignRun;
import io.crier.support.WebhookEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;
import io.crier.support.WebhookReceiver.Request;

import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: real campaigns sent to the scripted SMTP server on loopback, their events
 * received by an HTTP server on loopback with signatures checked independently, and the retry
 * schedule driven on the test clock.
 */
class WebhookDeliveryTest extends WebhookEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Webhooks webhooks;

    @Autowired
    CampaignLaunches launches;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRealSendPushesSignedStatusChangesAndOutcomesToTheWorkspacesWebhookOnly() {
        String url = receiver.newEndpoint();
        JsonNode hook = caller.post("/v1/webhooks", Map.of("url", url,
                "events", List.of("delivery.sent", "delivery.bounced", "campaign.status_changed"))).expect(201).data();
        String secret = hook.path("secret").asString();
        assertThat(jdbc.sql("select secret from webhook where id = :id").param("id", UUID.fromString(hook.path("id")
                .asString())).query(String.class).single()).as("sealed at rest").startsWith("crier:v1:")
                .doesNotContain(secret.substring("whsec_".length()));
        Caller other = Api.at(port).newWorkspace();
        String othersUrl = receiver.newEndpoint();
        other.post("/v1/webhooks", Map.of("url", othersUrl, "events", List.of("delivery.sent", "delivery.bounced",
                "delivery.failed", "campaign.status_changed"))).expect(201);

        CampaignRun run = CampaignRun.create(caller, smtp, 3);
        smtp.fail(run.emails().get(2), Fault.PERMANENT, 1);
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);

        List<Request> received = awaitRequests(url, 6);
        assertThat(received).extracting(Request::event).containsExactlyInAnyOrder("campaign.status_changed",
                "campaign.status_changed", "campaign.status_changed", "delivery.sent", "delivery.sent",
                "delivery.bounced");
        assertThat(received).allSatisfy(request -> {
            assertThat(request.signedWith(secret, "X-Crier-Signature", "sha256=")).as("signature").isTrue();
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("X-Crier-Event")).isEqualTo(request.event());
            assertThat(Instant.parse(request.json().path("timestamp").asString())).isAfter(clock.instant()
                    .minus(Duration.ofMinutes(1)));
            assertThat(request.json().propertyNames()).containsExactly("event", "timestamp", "data");
        });
        assertThat(received).extracting(r -> r.header("X-Crier-Delivery")).doesNotHaveDuplicates()
                .allSatisfy(id -> UUID.fromString(id));

        List<JsonNode> changes = data(received, "campaign.status_changed");
        assertThat(changes).extracting(c -> c.path("change").asString())
                .containsExactlyInAnyOrder("scheduled", "started", "sent");
        assertThat(changes).allSatisfy(c -> assertThat(c.path("campaignId").asString()).isEqualTo(run.id()));
        JsonNode started = changes.stream().filter(c -> c.path("change").asString().equals("started")).findFirst()
                .orElseThrow();
        assertThat(started.path("from").asString()).isEqualTo("scheduled");
        assertThat(started.path("to").asString()).isEqualTo("sending");

        List<JsonNode> sent = data(received, "delivery.sent");
        assertThat(sent).extracting(d -> d.path("email").asString())
                .containsExactlyInAnyOrderElementsOf(run.emails().subList(0, 2));
        assertThat(sent).allSatisfy(d -> {
            assertThat(d.path("campaignId").asString()).isEqualTo(run.id());
            assertThat(d.path("deliveryId").isIntegralNumber()).isTrue();
            assertThat(d.path("status").asString()).isEqualTo("sent");
        });
        JsonNode bounced = data(received, "delivery.bounced").getFirst();
        assertThat(bounced.path("email").asString()).isEqualTo(run.emails().get(2));
        assertThat(bounced.path("reply").asString()).startsWith("550");

        JsonNode log = awaitLog(hook.path("id").asString(), entries -> entries.size() == 6
                && entries.valueStream().allMatch(e -> e.path("status").asString().equals("delivered"))).get(0);
        assertThat(log.path("attempts").get(0).path("statusCode").asInt()).isEqualTo(200);
        assertThat(log.path("nextAttemptAt").isNull()).isTrue();

        awaitWebhooksDispatched(caller.workspaceId(), other.workspaceId());
        assertThat(receiver.received(othersUrl)).as("another workspace's webhook hears nothing of it").isEmpty();
    }

    /**
     * The same send heard by a webhook subscribed with Crier's names and one subscribed with
     * AutoSend's: each gets its own names, envelope and signature header; an inactive one hears nothing.
     */
    @Test
    void aWebhookSubscribedWithAutoSendsNamesReceivesAutoSendsPayloadBesideCriersOwn() {
        String crierUrl = receiver.newEndpoint();
        String crierSecret = caller.post("/v1/webhooks", Map.of("url", crierUrl,
                "events", List.of("delivery.sent", "delivery.bounced"))).expect(201).data().path("secret").asString();
        String autoSendUrl = receiver.newEndpoint();
        JsonNode autoSend = caller.post("/v1/webhooks", Map.of("url", autoSendUrl,
                "events", List.of("email.sent", "email.delivered", "email.bounced"),
                "metadata", Map.of("team", "growth"))).expect(201).data().path("webhook");
        assertThat(autoSend.path("format").asString()).isEqualTo("autosend");
        String switchedOffUrl = receiver.newEndpoint();
        String switchedOff = caller.post("/v1/webhooks", Map.of("url", switchedOffUrl,
                "events", List.of("email.sent"))).expect(201).data().path("id").asString();
        caller.put("/v1/webhooks/" + switchedOff, Map.of("isActive", false)).expect(200);

        CampaignRun run = CampaignRun.create(caller, smtp, 2);
        smtp.fail(run.emails().get(1), Fault.PERMANENT, 1);
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);

        List<Request> crier = awaitRequests(crierUrl, 2);
        assertThat(crier).extracting(Request::event).containsExactlyInAnyOrder("delivery.sent", "delivery.bounced");
        assertThat(crier).allSatisfy(request -> {
            assertThat(request.json().propertyNames()).containsExactly("event", "timestamp", "data");
            assertThat(request.signedWith(crierSecret, "X-Crier-Signature", "sha256=")).isTrue();
        });

        List<Request> received = awaitRequests(autoSendUrl, 3);
        assertThat(received).extracting(r -> r.json().path("type").asString())
                .containsExactlyInAnyOrder("email.sent", "email.delivered", "email.bounced");
        assertThat(received).allSatisfy(request -> {
            assertThat(request.json().propertyNames()).containsExactly("type", "createdAt", "data");
            assertThat(request.signedWith(autoSend.path("secret").asString(), "X-Webhook-Signature", "")).isTrue();
            assertThat(request.data().path("campaignId").asString()).isEqualTo(run.id());
            assertThat(request.data().path("emailId").asString()).isNotBlank();
        });
        JsonNode bounced = received.stream().filter(r -> r.json().path("type").asString().equals("email.bounced"))
                .findFirst().orElseThrow().data();
        assertThat(bounced.path("to").path("email").asString()).isEqualTo(run.emails().get(1));
        assertThat(bounced.path("bounceType").asString()).isEqualTo("Permanent");
        assertThat(bounced.path("reason").asString()).startsWith("550");
        JsonNode delivered = received.stream()
                .filter(r -> r.json().path("type").asString().equals("email.delivered")).findFirst().orElseThrow()
                .data();
        assertThat(delivered.path("to").path("email").asString()).isEqualTo(run.emails().get(0));

        awaitWebhooksDispatched(caller.workspaceId());
        assertThat(receiver.received(switchedOffUrl)).as("an inactive webhook is sent nothing").isEmpty();
    }

    @Test
    void pauseAutoPauseResumeAndAbortAreEachAnEventWithTheirReason() {
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("campaign.status_changed"))).expect(201);
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of(email())));
        String later = clock.instant().plus(Duration.ofDays(30)).toString();

        // A second between the moves, so the events' timestamps tell their order.
        caller.post("/v1/campaigns/" + campaign + "/send", Map.of("scheduledAt", later)).expect(200);
        clock.advance(Duration.ofSeconds(1));
        caller.post("/v1/campaigns/" + campaign + "/pause").expect(200);
        clock.advance(Duration.ofSeconds(1));
        caller.post("/v1/campaigns/" + campaign + "/resume").expect(200);
        clock.advance(Duration.ofSeconds(1));
        launches.pause(new CampaignRef(UUID.fromString(campaign), UUID.fromString(caller.workspaceId())),
                "Bounce rate 12% over the campaign's threshold");
        clock.advance(Duration.ofSeconds(1));
        caller.post("/v1/campaigns/" + campaign + "/abort").expect(200);

        List<JsonNode> changes = awaitRequests(url, 5).stream()
                .sorted(Comparator.comparing(r -> Instant.parse(r.json().path("timestamp").asString())))
                .map(Request::data).toList();
        assertThat(changes).extracting(c -> c.path("change").asString() + ":" + c.path("from").asString() + "->"
                + c.path("to").asString()).containsExactly("scheduled:draft->scheduled", "paused:scheduled->paused",
                "resumed:paused->scheduled", "auto_paused:scheduled->paused", "aborted:paused->aborted");
        assertThat(changes.get(1).path("reason").isNull()).as("a pause someone asked for").isTrue();
        assertThat(changes.get(3).path("reason").asString()).isEqualTo("Bounce rate 12% over the campaign's threshold");
    }

    @Test
    void aFailingReceiverIsRetriedAfter1m5m30m2hAnd8hThenTheDeliveryIsFailed() {
        String url = receiver.newEndpoint();
        receiver.answer(url, 500, 500, 500, 500, 500, 500);
        String hook = hookForStatusChanges(url);
        scheduleACampaign();

        List<Duration> delays = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(8));
        JsonNode entry = awaitAttempts(hook, 1);
        for (Duration delay : delays) {
            int made = entry.path("attempts").size();
            Instant last = Instant.parse(entry.path("attempts").get(made - 1).path("at").asString());
            assertThat(entry.path("status").asString()).isEqualTo("pending");
            assertThat(Instant.parse(entry.path("nextAttemptAt").asString())).isEqualTo(last.plus(delay));
            clock.advance(delay.minusSeconds(1));
            awaitWebhooksDispatched(caller.workspaceId());
            assertThat(receiver.received(url)).as("no attempt before it is due").hasSize(made);
            clock.advance(Duration.ofSeconds(1));
            entry = awaitAttempts(hook, made + 1);
            assertThat(Instant.parse(entry.path("attempts").get(made).path("at").asString()))
                    .isEqualTo(last.plus(delay));
        }

        assertThat(entry.path("status").asString()).isEqualTo("failed");
        assertThat(entry.path("nextAttemptAt").isNull()).isTrue();
        assertThat(entry.path("attempts").valueStream().map(a -> a.path("statusCode").asInt())).containsOnly(500);
        assertThat(entry.path("attempts").get(0).path("error").asString()).isEqualTo("the receiver answered 500");
        clock.advance(Duration.ofDays(1));
        awaitWebhooksDispatched(caller.workspaceId());
        List<Request> requests = receiver.received(url);
        assertThat(requests).as("six attempts in all").hasSize(6);
        assertThat(requests).extracting(r -> r.header("X-Crier-Delivery")).as("one delivery id for every attempt")
                .containsOnly(entry.path("id").asString());
    }

    @Test
    void aReceiverThatRecoversGetsTheEventOnTheThirdAttempt() {
        String url = receiver.newEndpoint();
        receiver.answer(url, 500, 503);
        String hook = hookForStatusChanges(url);
        scheduleACampaign();

        awaitAttempts(hook, 1);
        clock.advance(Duration.ofMinutes(1));
        awaitAttempts(hook, 2);
        clock.advance(Duration.ofMinutes(5));
        JsonNode entry = awaitAttempts(hook, 3);

        assertThat(entry.path("status").asString()).isEqualTo("delivered");
        assertThat(entry.path("event").asString()).isEqualTo("campaign.status_changed");
        assertThat(entry.path("attempts").valueStream().map(a -> a.path("statusCode").asInt()))
                .containsExactly(500, 503, 200);
        assertThat(entry.path("attempts").get(2).path("error").isNull()).isTrue();
        assertThat(receiver.received(url)).extracting(Request::rawBody).as("the same body every time")
                .allSatisfy(body -> assertThat(body).isEqualTo(receiver.received(url).getFirst().rawBody()));
    }

    @Test
    void theLeadterraFormatNamesAndSignsEventsItsOwnWay() {
        String url = receiver.newEndpoint();
        UUID workspace = UUID.fromString(caller.workspaceId());
        Webhooks.Registered hook = webhooks.register(workspace, url, WebhookFormat.LEADTERRA.eventNames(), null,
                WebhookFormat.LEADTERRA);
        assertThat(hook.webhook().events()).containsExactly("campaign.started", "message.sent", "message.bounced",
                "reply.received");
        assertThat(caller.get("/v1/webhooks/" + hook.webhook().id()).expect(200).data().path("format").asString())
                .isEqualTo("leadterra");
        assertThatThrownBy(() -> webhooks.register(workspace, url, List.of("delivery.sent"), null,
                WebhookFormat.LEADTERRA)).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.details()).extracting(p -> p.field()).containsExactly("events[0]"));

        CampaignRun run = CampaignRun.create(caller, smtp, 2);
        smtp.fail(run.emails().get(1), Fault.PERMANENT, 1);
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);

        List<Request> received = awaitRequests(url, 3);
        assertThat(received).extracting(Request::event).containsExactlyInAnyOrder("campaign.started",
                "message.sent", "message.bounced");
        assertThat(received).allSatisfy(request -> {
            assertThat(request.signedWith(hook.secret(), "X-Leadterra-Signature", "")).as("signature").isTrue();
            assertThat(request.header("X-Crier-Signature")).isNull();
            assertThat(request.json().propertyNames()).containsExactly("event", "timestamp", "data");
        });
        JsonNode message = data(received, "message.sent").getFirst();
        assertThat(message.path("messageId").asString()).matches("[0-9]+");
        assertThat(message.path("email").asString()).isEqualTo(run.emails().getFirst());
        assertThat(data(received, "message.bounced").getFirst().path("messageId").asString())
                .isNotEqualTo(message.path("messageId").asString());
        assertThat(data(received, "campaign.started").getFirst().path("campaignId").asString()).isEqualTo(run.id());
    }

    @Test
    void aTransactionalMailPushesItsOutcomeButNotTheMovesOfItsHiddenCampaign() {
        String url = receiver.newEndpoint();
        String hook = caller.post("/v1/webhooks", Map.of("url", url,
                "events", List.of("delivery.sent", "campaign.status_changed"))).expect(201).data().path("id").asString();
        String to = email();
        String mail = caller.post("/v1/mails/send", Map.of("from", Map.of("email", "news@crier.test"),
                "to", Map.of("email", to), "subject", "Receipt", "text", "Thanks")).expect(201).data()
                .path("emailId").asString();

        assertThat(data(awaitRequests(url, 1), "delivery.sent")).extracting(d -> d.path("email").asString())
                .containsExactly(to);
        // Its hidden campaign's move to sent writes any status event in the same transaction, so
        // once the campaign is sent the log holds every event there will be.
        Eventually.await("the hidden campaign of mail " + mail + " to be sent", WAIT,
                () -> jdbc.sql("select c.status from campaign c join delivery d on d.campaign_id = c.id"
                        + " where d.message_id = :id").param("id", UUID.fromString(mail)).query(String.class).single(),
                "sent"::equals);
        assertThat(caller.get("/v1/webhooks/" + hook + "/deliveries").expect(200).data().path("deliveries")
                .valueStream().map(d -> d.path("event").asString())).containsExactly("delivery.sent");
    }

    @Test
    void anUnsubscribeThroughTheLinkInTheMailIsPushed() throws Exception {
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("contact.unsubscribed"))).expect(201);
        CampaignRun run = CampaignRun.create(caller, smtp, 1);
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        String email = run.emails().getFirst();
        Received mail = smtp.received().stream().filter(m -> m.recipient().equals(email)).findFirst().orElseThrow();
        String link = ReceivedMail.unsubscribeLink(ReceivedMail.parse(mail.data()));

        Api.at(port).anonymous().raw("POST", ReceivedMail.path(link), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click").expect(200);

        List<Request> received = awaitRequests(url, 1);
        assertThat(received).extracting(Request::event).containsExactly("contact.unsubscribed");
        JsonNode data = received.getFirst().data();
        assertThat(data.path("email").asString()).isEqualTo(email);
        assertThat(data.path("campaignId").asString()).isEqualTo(run.id());
    }

    private String hookForStatusChanges(String url) {
        return caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("campaign.status_changed"),
                "secret", "retry-test-secret-0123456789")).expect(201).data().path("id").asString();
    }

    /** One status change (draft to scheduled, a month ahead): one event. */
    private void scheduleACampaign() {
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of(email())));
        caller.post("/v1/campaigns/" + campaign + "/send",
                Map.of("scheduledAt", clock.instant().plus(Duration.ofDays(30)).toString())).expect(200);
    }

    /** The webhook's one log entry, once it shows {@code attempts} attempts. */
    private JsonNode awaitAttempts(String hook, int attempts) {
        return awaitLog(hook, entries -> entries.size() == 1
                && entries.get(0).path("attempts").size() == attempts).get(0);
    }

    private JsonNode awaitLog(String hook, Predicate<JsonNode> done) {
        return Eventually.await("the delivery log of webhook " + hook, WAIT,
                () -> caller.get("/v1/webhooks/" + hook + "/deliveries").expect(200).data().path("deliveries"), done);
    }

    private static List<Request> awaitRequests(String url, int count) {
        return Eventually.await(count + " requests to " + url, WAIT, () -> receiver.received(url),
                requests -> requests.size() >= count);
    }

    private static List<JsonNode> data(List<Request> requests, String event) {
        return requests.stream().filter(r -> r.event().equals(event)).map(Request::data).toList();
    }

    private static String email() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
