package io.crier.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.delivery.DeliveryReferences;
import io.crier.feedback.FeedbackIntake.Applied;
import io.crier.feedback.FeedbackIntake.Result;
import io.crier.feedback.FeedbackIntake.Unmatched;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.Rounds;
import io.crier.support.WebhookEngineCase;
import io.crier.support.WebhookReceiver.Request;

import tools.jackson.databind.JsonNode;

/**
 * What feedback heard back does, end to end: real campaigns sent to a relay on loopback that
 * accepts everything, then bounces, complaints, replies and mailto unsubscribes handed to
 * {@link FeedbackIntake} with the references of the deliveries really sent (their return path,
 * Message-ID and unsubscribe address from {@link DeliveryReferences}), and their outcomes read
 * through the API and the webhooks.
 */
class FeedbackOutcomesTest extends WebhookEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BOUNCES = "bounces.crier.test";

    @Autowired
    FeedbackIntake intake;

    @Autowired
    DeliveryReferences references;

    @Test
    void aHardBounceAfterSendingMakesTheDeliveryBouncedSuppressesTheAddressAndCountsOnce() {
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("delivery.bounced"))).expect(201);
        List<String> emails = addresses("hb", 3);
        String id = sentCampaign(emails);
        JsonNode delivery = deliveries(caller, id, "sent").getFirst();
        long deliveryId = delivery.path("id").asLong();
        String email = delivery.path("email").asString();
        assertThat(references.read(sentMessageId(email))).as("the Message-ID the relay received")
                .contains(new DeliveryReferences.Reference(DeliveryReferences.Kind.MESSAGE_ID, deliveryId));

        Feedback bounce = new Feedback.Bounce(new Trace(references.returnPath(deliveryId, BOUNCES), List.of(),
                email, null), BounceType.HARD, "5.1.1", "550 5.1.1 <" + email + ">: no such user");
        assertThat(intake.accept(bounce, null)).isEqualTo(applied(deliveryId));

        JsonNode bounced = deliveries(caller, id, "bounced").getFirst();
        assertThat(bounced.path("id").asLong()).isEqualTo(deliveryId);
        assertThat(bounced.path("lastReply").asString()).isEqualTo("5.1.1 550 5.1.1 <" + email + ">: no such user");
        JsonNode metrics = metrics(id);
        assertThat(metrics.path("bounced").asInt()).isEqualTo(1);
        assertThat(metrics.path("sent").asInt()).as("moved from sent to bounced").isEqualTo(2);
        assertThat(metrics.path("delivered").asInt()).isEqualTo(2);
        assertThat(metrics.path("processedCount").asInt()).isEqualTo(3);
        assertThat(suppression(caller, email).path("reason").asString()).isEqualTo("bounced");

        assertThat(intake.accept(bounce, null)).as("the same report again").isEqualTo(applied(deliveryId));
        assertThat(intake.accept(new Feedback.Bounce(new Trace(null, List.of(sentMessageId(email)), null, null),
                BounceType.HARD, "5.0.0", "another report of it"),
                UUID.fromString(caller.workspaceId()))).isEqualTo(applied(deliveryId));
        assertThat(metrics(id)).as("nothing changes the second time").isEqualTo(metrics);

        List<Request> events = Eventually.await("the bounce's webhook", WAIT, () -> receiver.received(url),
                received -> !received.isEmpty());
        awaitWebhooksDispatched(caller.workspaceId());
        assertThat(receiver.received(url)).as("one event for the one bounce").hasSize(1);
        JsonNode data = events.getFirst().data();
        assertThat(events.getFirst().event()).isEqualTo("delivery.bounced");
        assertThat(data.path("deliveryId").asLong()).isEqualTo(deliveryId);
        assertThat(data.path("bounceType").asString()).isEqualTo("hard");
        assertThat(data.path("status").asString()).isEqualTo("bounced");
        assertThat(data.path("reply").asString()).contains("no such user");
    }

    @Test
    void hostileTextInAReportIsStoredWithoutNulsOrBrokenCharactersAndCut() {
        String id = sentCampaign(addresses("hostile", 1));
        long deliveryId = deliveries(caller, id, "sent").getFirst().path("id").asLong();
        String reason = "550 \u0000 no\ud800 such user " + "x".repeat(5000);

        assertThat(intake.accept(new Feedback.Bounce(new Trace(references.returnPath(deliveryId, BOUNCES), List.of(),
                null, null), BounceType.HARD, "5.1.1\u0000", reason), null)).isEqualTo(applied(deliveryId));

        String lastReply = deliveries(caller, id, "bounced").getFirst().path("lastReply").asString();
        assertThat(lastReply).startsWith("5.1.1 550  no such user xxx").doesNotContain("\u0000").hasSize(1000);
    }

    @Test
    void aTokenOfAnotherWorkspaceAForgedOneAndAnUnsignedOneChangeNothing() {
        Caller other = Api.at(port).newWorkspace();
        String theirs = sentCampaign(other, addresses("theirs", 1));
        long theirDelivery = deliveries(other, theirs, "sent").getFirst().path("id").asLong();
        UUID mine = UUID.fromString(caller.workspaceId());

        Result crossed = intake.accept(hard(new Trace(references.returnPath(theirDelivery, BOUNCES), List.of(),
                null, null)), mine);
        assertThat(crossed).isInstanceOfSatisfying(Unmatched.class,
                unmatched -> assertThat(unmatched.reason()).contains("another workspace"));
        String theirEmail = deliveries(other, theirs, "sent").getFirst().path("email").asString();
        assertThat(intake.accept(new Feedback.Complaint(new Trace(null, List.of(sentMessageId(theirEmail)), null,
                null), "abuse"), mine)).isInstanceOf(Unmatched.class);

        String token = references.returnPath(theirDelivery, BOUNCES);
        char flipped = token.charAt(5) == 'a' ? 'b' : 'a';
        String forged = token.substring(0, 5) + flipped + token.substring(6);
        for (Trace trace : List.of(new Trace(forged, List.of(), null, null),
                new Trace("b-00112233445566778899@" + BOUNCES, List.of("<00ff@crier.test>"), null, null),
                new Trace(null, List.of(), theirEmail, UUID.fromString(theirs)))) {
            assertThat(intake.accept(hard(trace), null)).as("%s", trace).isInstanceOf(Unmatched.class);
        }
        assertThat(deliveries(other, theirs, "sent")).as("their delivery untouched").hasSize(1);
        assertThat(metrics(other, theirs).path("bounced").asInt()).isZero();
        assertThat(other.get("/v1/suppressions").expect(200).data().path("suppressions")).isEmpty();
    }

    @Test
    void aRecipientAndCampaignMatchOnlyInTheSourcesWorkspaceAndSoftBouncesSuppressAfterTheLimit() {
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("delivery.bounced"))).expect(201);
        List<String> emails = addresses("soft", 1);
        String id = sentCampaign(emails);
        long deliveryId = deliveries(caller, id, "sent").getFirst().path("id").asLong();
        UUID workspace = UUID.fromString(caller.workspaceId());
        Trace byAddress = new Trace(null, List.of(), emails.getFirst().toUpperCase(), UUID.fromString(id));

        for (int i = 1; i <= 3; i++) {
            assertThat(intake.accept(new Feedback.Bounce(byAddress, BounceType.SOFT, "4.2.2", "mailbox full, try " + i),
                    workspace)).isEqualTo(applied(deliveryId));
            assertThat(caller.get("/v1/suppressions").expect(200).data().path("suppressions"))
                    .as("after %d soft bounces", i).hasSize(i < 3 ? 0 : 1);
        }
        JsonNode metrics = metrics(id);
        assertThat(metrics.path("softBounced").asInt()).isEqualTo(3);
        assertThat(metrics.path("bounced").asInt()).isZero();
        assertThat(deliveries(caller, id, "sent")).as("a soft bounce leaves it sent").hasSize(1);
        assertThat(suppression(caller, emails.getFirst()).path("reason").asString()).isEqualTo("bounced");
        List<Request> events = Eventually.await("the soft bounces' webhooks", WAIT, () -> receiver.received(url),
                received -> received.size() == 3);
        assertThat(events).extracting(event -> event.data().path("bounceType").asString()).containsOnly("soft");
        assertThat(events).extracting(event -> event.data().path("status").asString()).containsOnly("sent");
    }

    @Test
    void asynchronousBouncesOverTheThresholdPauseASendingCampaignWithItsReason() {
        List<String> emails = addresses("ab", 100);
        String id = Audiences.campaign(caller, Map.of("sendMode", "gradual", "gradual", Map.of("perMinute", 600),
                "bounceThreshold", Map.of("rate", 0.05, "minSample", 20)), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        List<JsonNode> sent = sendSome(id, 20);
        for (JsonNode delivery : sent.subList(0, 3)) {
            intake.accept(hard(new Trace(references.returnPath(delivery.path("id").asLong(), BOUNCES), List.of(),
                    null, null)), null);
        }
        JsonNode paused = Eventually.status(caller, id, "paused").data();
        assertThat(paused.path("pausedReason").asString()).matches(
                "Bounce rate \\d+(\\.\\d)?% over the 5% threshold after \\d+ deliveries");
        assertThat(paused.path("metrics").path("bounced").asInt()).isEqualTo(3);
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }

    @Test
    void aComplaintCountsSuppressesTellsTheWebhookAndPausesACampaignOverTheComplaintRate() {
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("email.complained"))).expect(201);
        List<String> emails = addresses("c", 100);
        String id = Audiences.campaign(caller, Map.of("sendMode", "gradual", "gradual", Map.of("perMinute", 600)),
                Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        JsonNode delivery = sendSome(id, 20).getFirst();
        long deliveryId = delivery.path("id").asLong();

        Feedback complaint = new Feedback.Complaint(new Trace(null, List.of("<nothing@else.example>",
                sentMessageId(delivery.path("email").asString())), null, null), "abuse");
        assertThat(intake.accept(complaint, null)).isEqualTo(applied(deliveryId));
        assertThat(intake.accept(complaint, null)).isEqualTo(applied(deliveryId));

        JsonNode paused = Eventually.status(caller, id, "paused").data();
        assertThat(paused.path("pausedReason").asString()).matches(
                "Complaint rate [0-9.]+% over the 0.3% threshold after \\d+ delivered messages");
        JsonNode metrics = paused.path("metrics");
        assertThat(metrics.path("spamReported").asInt()).as("counted once").isEqualTo(1);
        assertThat(metrics.path("complaintRate").asDouble()).isGreaterThan(0.003);
        assertThat(suppression(caller, delivery.path("email").asString()).path("reason").asString())
                .isEqualTo("complained");
        JsonNode data = Eventually.await("the complaint's webhook", WAIT, () -> receiver.received(url),
                received -> !received.isEmpty()).getFirst().data();
        assertThat(data.path("deliveryId").asLong()).isEqualTo(deliveryId);
        assertThat(data.path("feedbackType").asString()).isEqualTo("abuse");
        caller.post("/v1/domains", Map.of("domain", "crier.test")).expect(201);
        // Mail handed to the relay before the pause is recorded after it: compare the figures once
        // both have it.
        record Figures(JsonNode domain, JsonNode campaign) {
        }
        Figures figures = Eventually.await("the domain's figures to match the campaign's", WAIT,
                () -> new Figures(caller.get("/v1/domains").expect(200).data().path("domains").path(0),
                        caller.get("/v1/campaigns/" + id).expect(200).data().path("metrics")),
                both -> both.domain().path("delivered").asInt() == both.campaign().path("delivered").asInt());
        assertThat(figures.domain().path("spamReported").asInt()).as("the sending domain's figures").isEqualTo(1);
        assertThat(figures.domain().path("complaintRate").asDouble())
                .isEqualTo(figures.campaign().path("complaintRate").asDouble());
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }

    @Test
    void aMailtoUnsubscribeSuppressesTheAddressAsTheLinkDoes() {
        List<String> emails = addresses("u", 1);
        String id = sentCampaign(emails);
        long deliveryId = deliveries(caller, id, "sent").getFirst().path("id").asLong();

        Trace trace = new Trace(references.unsubscribeAddress(deliveryId, "crier.test"), List.of(), null, null);
        assertThat(intake.accept(new Feedback.Unsubscribe(trace), null)).isEqualTo(applied(deliveryId));
        assertThat(intake.accept(new Feedback.Unsubscribe(trace), null)).isEqualTo(applied(deliveryId));

        assertThat(suppression(caller, emails.getFirst()).path("reason").asString()).isEqualTo("unsubscribed");
        assertThat(metrics(id).path("unsubscribed").asInt()).isEqualTo(1);
    }

    @Test
    void aReplyStopsThatLeadsLeadterraSequenceFiresReplyReceivedAndIsListed() {
        String url = receiver.newEndpoint();
        JsonNode hook = caller.post("/leadterra/v1/webhooks", Map.of("url", url, "events", List.of("reply.received")))
                .expect(201).json().path("webhook");
        String id = caller.post("/leadterra/v1/campaigns", Map.of("name", "Outbound", "sequenceSteps", List.of(
                Map.of("subject", "First", "bodyHtml", "<p>Hi</p>", "delayDays", 0),
                Map.of("subject", "Second", "bodyHtml", "<p>Bump</p>", "delayDays", 1),
                Map.of("subject", "Third", "bodyHtml", "<p>Last</p>", "delayDays", 1))))
                .expect(201).json().path("id").asString();
        List<String> leads = addresses("lead", 2);
        caller.post("/leadterra/v1/campaigns/" + id + "/leads/bulk", Map.of("leads",
                leads.stream().map(email -> Map.of("email", email)).toList())).expect(200);
        caller.post("/leadterra/v1/campaigns/" + id + "/start").expect(200);
        Eventually.await("both first steps sent", WAIT, () -> deliveries(caller, id, "sent"), sent -> sent.size() == 2);
        JsonNode answered = deliveries(caller, id, "sent").stream()
                .filter(d -> d.path("email").asString().equals(leads.getFirst())).findFirst().orElseThrow();
        long answeredId = answered.path("id").asLong();

        Feedback reply = new Feedback.Reply(new Trace(null, List.of(sentMessageId(leads.getFirst())),
                leads.getFirst(), null), leads.getFirst(), "Re: First", "Yes, let's talk on Monday.");
        assertThat(intake.accept(reply, null)).isEqualTo(applied(answeredId));
        assertThat(intake.accept(reply, null)).isEqualTo(applied(answeredId));

        JsonNode cancelled = deliveries(caller, id, "cancelled").getFirst();
        assertThat(cancelled.path("email").asString()).isEqualTo(leads.getFirst());
        assertThat(cancelled.path("step").asInt()).isEqualTo(1);
        assertThat(cancelled.path("lastReply").asString()).isEqualTo("replied");
        for (int sent = 3; sent <= 4; sent++) {
            clock.advance(Duration.ofDays(2));
            int expected = sent;
            Eventually.await("the other lead's next step", WAIT, () -> deliveries(caller, id, "sent"),
                    all -> all.size() == expected);
        }
        assertThat(deliveries(caller, id, "sent")).filteredOn(d -> d.path("email").asString().equals(leads.getFirst()))
                .as("nothing more to the lead who replied").hasSize(1);

        JsonNode stats = caller.get("/leadterra/v1/campaigns/" + id + "/stats").expect(200).json();
        assertThat(stats.path("replied").asInt()).isEqualTo(1);
        assertThat(stats.path("replyRate").asDouble()).isEqualTo(0.25);

        Request received = Eventually.await("reply.received", WAIT, () -> receiver.received(url),
                requests -> !requests.isEmpty()).getFirst();
        assertThat(received.event()).isEqualTo("reply.received");
        assertThat(received.signedWith(hook.path("secret").asString(), "X-Leadterra-Signature", "")).isTrue();
        assertThat(received.data().path("messageId").asString()).isEqualTo(String.valueOf(answeredId));
        assertThat(received.data().path("reply").path("text").asString()).isEqualTo("Yes, let's talk on Monday.");

        JsonNode listed = caller.get("/leadterra/v1/replies?campaignId=" + id).expect(200).json();
        assertThat(listed.path("replies")).hasSize(1);
        JsonNode first = listed.path("replies").path(0);
        assertThat(first.path("id").asString()).isEqualTo(received.data().path("reply").path("id").asString());
        assertThat(first.path("email").asString()).isEqualTo(leads.getFirst());
        assertThat(first.path("subject").asString()).isEqualTo("Re: First");
        assertThat(first.path("text").asString()).isEqualTo("Yes, let's talk on Monday.");
        assertThat(listed.path("nextCursor").isNull()).isTrue();
        assertThat(Api.at(port).newWorkspace().get("/leadterra/v1/replies").expect(200).json().path("replies"))
                .as("another workspace sees none").isEmpty();
        assertThat(caller.get("/leadterra/v1/replies?limit=0").expect(400).json().path("error").path("code")
                .asString()).isEqualTo("invalid_request");
    }

    /**
     * The Message-ID of the first message the relay received for this address, as it was sent. (The
     * return paths come from {@link DeliveryReferences}: this context sets no bounce domain, so its
     * mail keeps the From address as envelope sender; ReturnPathTest covers MAIL FROM.)
     */
    private String sentMessageId(String email) {
        return smtp.received().stream().filter(mail -> mail.recipient().equalsIgnoreCase(email)).findFirst()
                .orElseThrow(() -> new AssertionError("no message to " + email)).header("Message-ID");
    }

    private String sentCampaign(List<String> emails) {
        return sentCampaign(caller, emails);
    }

    private String sentCampaign(Caller owner, List<String> emails) {
        String id = Audiences.campaign(owner, Map.of(), Audiences.list(owner, emails));
        owner.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(owner, id, "sent");
        return id;
    }

    /** Moves the clock until at least {@code count} deliveries of the gradual campaign are sent. */
    private List<JsonNode> sendSome(String id, int count) {
        Eventually.status(caller, id, "sending_gradual");
        for (int step = 0; step < 10 && deliveries(caller, id, "sent").size() < count; step++) {
            clock.advance(Duration.ofSeconds(1));
            rounds.awaitFullRound(Rounds.DISPATCHER);
        }
        return Eventually.await(count + " sent", WAIT, () -> deliveries(caller, id, "sent"),
                sent -> sent.size() >= count);
    }

    private static List<JsonNode> deliveries(Caller owner, String id, String status) {
        JsonNode page = owner.get("/v1/campaigns/" + id + "/deliveries?status=" + status + "&limit=100").expect(200)
                .data().path("deliveries");
        return StreamSupport.stream(page.spliterator(), false).toList();
    }

    private JsonNode metrics(String id) {
        return metrics(caller, id);
    }

    private static JsonNode metrics(Caller owner, String id) {
        return owner.get("/v1/campaigns/" + id).expect(200).data().path("metrics");
    }

    private static JsonNode suppression(Caller owner, String email) {
        JsonNode found = owner.get("/v1/suppressions?email=" + email).expect(200).data().path("suppressions");
        assertThat(found).as("suppressions of %s", email).hasSize(1);
        return found.path(0);
    }

    private Applied applied(long deliveryId) {
        return new Applied(deliveryId, UUID.fromString(caller.workspaceId()));
    }

    private static Feedback hard(Trace trace) {
        return new Feedback.Bounce(trace, BounceType.HARD, "5.1.1", "no such user");
    }
}
