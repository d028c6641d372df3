package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.CampaignRun;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Received;
import io.crier.support.WebhookEngineCase;
import io.crier.support.WebhookReceiver.Request;

import tools.jackson.databind.JsonNode;

/**
 * Webhooks in AutoSend's format as its docs show them: every email event's message fields
 * ({@code emailId}, {@code from}, {@code subject}, {@code test}, {@code campaignId},
 * {@code templateId}, {@code batchId}), {@code emailId} being the id {@code mails/send} answered;
 * AutoSend's request headers; and the group events, when a recipient leaves an unsubscribe group
 * through a campaign's mail (which counts as that campaign's unsubscribe and holds the sequence's
 * later steps) or comes back to it through the API.
 */
class AutoSendWebhookTest extends WebhookEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern HTTP_LINK = Pattern.compile("<(https?://[^>]+)>");

    @Test
    void campaignMailCarriesItsSenderSubjectAndTemplateAndAutoSendsHeaders() {
        String url = receiver.newEndpoint();
        String secret = caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("email.sent")))
                .expect(201).data().path("secret").asString();
        String template = caller.post("/v1/templates", Map.of("templateName", "Welcome", "subject",
                "Welcome aboard", "emailTemplate", "<p>Hi</p>")).expect(201).data().path("templateId").asString();
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", template);
        body.put("subject", null);
        body.put("html", null);
        body.put("text", null);
        CampaignRun run = CampaignRun.create(caller, smtp, 1, body);
        run.control(caller, "send").expect(200);

        Request request = awaitRequests(url, 1).getFirst();
        assertThat(request.signedWith(secret, "X-Webhook-Signature", "")).isTrue();
        assertThat(request.header("X-Webhook-Event")).isEqualTo("email.sent");
        assertThat(request.header("X-Webhook-Delivery-Id")).isEqualTo(request.header("X-Crier-Delivery"));
        assertThat(Long.parseLong(request.header("X-Webhook-Timestamp"))).as("Unix milliseconds of the attempt")
                .isCloseTo(clock.instant().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
        JsonNode data = request.data();
        assertThat(data.propertyNames()).startsWith("emailId", "from", "to", "subject", "test", "campaignId",
                "templateId", "batchId");
        assertThat(data.path("from").asString()).isEqualTo(run.from());
        assertThat(data.path("subject").asString()).as("the template's, the campaign having none")
                .isEqualTo("Welcome aboard");
        assertThat(data.path("templateId").asString()).isEqualTo(template);
        assertThat(data.path("campaignId").asString()).isEqualTo(run.id());
        assertThat(data.path("batchId").isNull()).isTrue();
        assertThat(data.path("test").asBoolean()).isFalse();
        assertThat(data.path("to").path("email").asString()).isEqualTo(run.emails().getFirst());
    }

    @Test
    void transactionalMailIsToldByTheEmailIdAndBatchIdMailsSendAnswered() {
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("email.delivered"))).expect(201);
        String to = "t-" + tag + "@example.org";
        JsonNode sent = caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", to, "name", "Tess"), "subject", "Your receipt", "text", "Thanks",
                "test", true)).expect(201).data();

        JsonNode data = awaitRequests(url, 1).getFirst().data();
        assertThat(data.path("emailId").asString()).isEqualTo(sent.path("emailId").asString());
        assertThat(data.path("batchId").asString()).isEqualTo(sent.path("batchId").asString());
        assertThat(data.path("campaignId").isNull()).as("a call is no campaign").isTrue();
        assertThat(data.path("test").asBoolean()).isTrue();
        assertThat(data.path("from").asString()).isEqualTo("hello@crier.test");
        assertThat(data.path("subject").asString()).isEqualTo("Your receipt");
        assertThat(data.path("to").path("name").asString()).isEqualTo("Tess");
        caller.get("/v1/mails/" + data.path("emailId").asString()).expect(200);
    }

    @Test
    void leavingAGroupThroughACampaignsMailIsAnUnsubscribeOfItAndHoldsTheStepsToCome() {
        String autoSendUrl = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", autoSendUrl,
                "events", List.of("email.group_unsubscribed", "email.group_resubscribed"))).expect(201);
        String crierUrl = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", crierUrl, "events", List.of("contact.group_unsubscribed")))
                .expect(201);
        String group = caller.post("/v1/suppression-groups", Map.of("name", "Product news")).expect(201).data()
                .path("id").asString();
        CampaignRun run = CampaignRun.create(caller, smtp, 2, Map.of("unsubscribeGroupId", group,
                "thresholdPreset", "off", "steps", List.of(Map.of("subject", "Step two", "text", "Two",
                        "delayDays", 2))));
        String leaver = run.emails().get(0);
        run.control(caller, "send").expect(200);
        Eventually.await("step one sent to both", WAIT, () -> deliveries(run.id(), "sent"), n -> n == 2);
        Eventually.await("step two queued for both", WAIT, () -> deliveries(run.id(), "queued"), n -> n == 2);

        String link = unsubscribeLink(received(leaver).getFirst());
        Api.at(port).anonymous().raw("POST", java.net.URI.create(link).getRawPath(),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").expect(200);

        JsonNode left = awaitRequests(autoSendUrl, 1).getFirst().json();
        assertThat(left.path("type").asString()).isEqualTo("email.group_unsubscribed");
        assertThat(left.path("data").path("email").asString()).isEqualTo(leaver);
        assertThat(left.path("data").path("unsubscribeGroupId").asString()).isEqualTo(group);
        assertThat(left.path("data").path("unsubscribeGroupName").asString()).isEqualTo("Product news");
        assertThat(left.path("data").path("campaignId").asString()).isEqualTo(run.id());
        Request crier = awaitRequests(crierUrl, 1).getFirst();
        assertThat(crier.event()).isEqualTo("contact.group_unsubscribed");
        assertThat(crier.data().path("groupId").asString()).isEqualTo(group);

        JsonNode campaign = caller.get("/v1/campaigns/" + run.id()).expect(200).data();
        assertThat(campaign.path("metrics").path("unsubscribed").asInt()).isEqualTo(1);
        assertThat(deliveries(run.id(), "suppressed")).as("the leaver's step two is withdrawn").isEqualTo(1);
        clock.advance(Duration.ofDays(3));
        Eventually.status(caller, run.id(), "sent");
        assertThat(received(leaver)).as("the leaver gets no later step").hasSize(1);
        assertThat(received(run.emails().get(1))).hasSize(2);

        caller.post("/v1/suppression-groups/emails/unsuppress", Map.of("groupId", group, "emails", List.of(leaver)))
                .expect(200);
        JsonNode back = awaitRequests(autoSendUrl, 2).get(1).json();
        assertThat(back.path("type").asString()).isEqualTo("email.group_resubscribed");
        assertThat(back.path("data").path("campaignId").isNull()).as("through the API").isTrue();
        caller.post("/v1/suppression-groups/emails/unsuppress", Map.of("groupId", group, "emails", List.of(leaver)))
                .expect(200);
        awaitWebhooksDispatched(caller.workspaceId());
        assertThat(receiver.received(autoSendUrl)).as("coming back twice is one change").hasSize(2);
    }

    @Test
    void theAvailableEventsAreListed() {
        JsonNode events = caller.get("/v1/webhooks/events").expect(200).data();
        assertThat(events.path("events").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(WebhookFormat.AUTOSEND_EVENTS);
        assertThat(events.path("crierEvents").valueStream().map(JsonNode::asString).toList())
                .contains("delivery.sent", "contact.group_unsubscribed");
        assertThat(events.path("neverSent").valueStream().map(JsonNode::asString).toList())
                .containsExactly("email.deferred", "contact.created", "contact.updated", "contact.deleted");
    }

    @Test
    void aResendPostsTheGivenEventSignedToASubscribedWebhookOnly() {
        String url = receiver.newEndpoint();
        JsonNode hook = caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("email.delivered")))
                .expect(201).data().path("webhook");
        String path = "/v1/webhooks/" + hook.path("id").asString() + "/resend";
        JsonNode queued = caller.post(path, Map.of("event", "email.delivered",
                "data", Map.of("messageId", "msg_abc123", "to", "a@example.org"))).expect(200).data();

        Request request = awaitRequests(url, 1).getFirst();
        assertThat(request.header("X-Webhook-Delivery-Id")).isEqualTo(queued.path("jobId").asString());
        assertThat(request.signedWith(hook.path("secret").asString(), "X-Webhook-Signature", "")).isTrue();
        assertThat(request.json().path("type").asString()).isEqualTo("email.delivered");
        assertThat(request.data().path("messageId").asString()).isEqualTo("msg_abc123");
        caller.post(path, Map.of("event", "email.bounced", "data", Map.of())).expectError(400, "WEBHOOK_NOT_SUBSCRIBED");
        caller.post(path, Map.of("event", "email.delivered")).expectInvalidField("data");
    }

    /**
     * A call queued for a webhook that is switched off is held, not sent and not lost: an active
     * webhook's call queued after it arrives while it waits, and switching it on sends it.
     */
    @Test
    void aSwitchedOffWebhookHoldsItsQueuedCallsUntilSwitchedOnAgain() {
        String heldUrl = receiver.newEndpoint();
        String held = caller.post("/v1/webhooks", Map.of("url", heldUrl, "events", List.of("email.delivered")))
                .expect(201).data().path("webhook").path("id").asString();
        String liveUrl = receiver.newEndpoint();
        String live = caller.post("/v1/webhooks", Map.of("url", liveUrl, "events", List.of("email.delivered")))
                .expect(201).data().path("webhook").path("id").asString();
        caller.put("/v1/webhooks/" + held, Map.of("isActive", false)).expect(200);

        caller.post("/v1/webhooks/" + held + "/resend", Map.of("event", "email.delivered",
                "data", Map.of("messageId", "held"))).expect(200);
        caller.post("/v1/webhooks/" + live + "/resend", Map.of("event", "email.delivered",
                "data", Map.of("messageId", "live"))).expect(200);
        awaitRequests(liveUrl, 1);
        assertThat(receiver.received(heldUrl)).as("the switched-off webhook's call waits").isEmpty();

        caller.put("/v1/webhooks/" + held, Map.of("isActive", true)).expect(200);
        assertThat(awaitRequests(heldUrl, 1).getFirst().data().path("messageId").asString()).isEqualTo("held");
    }

    private int deliveries(String campaign, String status) {
        return caller.get("/v1/campaigns/" + campaign + "/deliveries?limit=1&status=" + status).expect(200).data()
                .path("pagination").path("total").asInt();
    }

    private List<Received> received(String email) {
        return smtp.received().stream().filter(r -> r.recipient().equals(email)).toList();
    }

    /** The http(s) link of the message's List-Unsubscribe header, its folded lines joined. */
    private static String unsubscribeLink(Received message) {
        String headers = message.data().split("\r?\n\r?\n", 2)[0].replaceAll("\r?\n[ \t]+", " ");
        Matcher header = Pattern.compile("(?im)^List-Unsubscribe:(.*)$").matcher(headers);
        assertThat(header.find()).as("a List-Unsubscribe header").isTrue();
        Matcher link = HTTP_LINK.matcher(header.group(1));
        assertThat(link.find()).as("an http(s) link in List-Unsubscribe").isTrue();
        return link.group(1);
    }

    private static List<Request> awaitRequests(String url, int count) {
        return Eventually.await(count + " requests to " + url, WAIT, () -> receiver.received(url),
                requests -> requests.size() >= count);
    }
}
