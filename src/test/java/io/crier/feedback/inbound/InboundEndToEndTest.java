package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.FeedbackDomains;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.WebhookReceiver;
import io.crier.support.WebhookReceiver.Request;

import tools.jackson.databind.JsonNode;

/**
 * The whole loop over SMTP, on each database, with the built-in capture relay as the relay that
 * accepts everything: mail goes out with its return path and Message-ID, then a standard report or
 * reply is delivered to the inbound listener and changes that delivery; and the simulator
 * addresses answer campaigns and transactional mail through the same path. Webhooks may point at
 * loopback here (as everywhere in the API tests' shared context), where the test's receiver listens.
 */
@CrierApiTest
class InboundEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static WebhookReceiver receiver;

    @LocalServerPort
    int port;
    @Autowired
    InboundSmtpServer listener;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aStandardDsnToTheReturnPathBouncesThatDeliverySuppressesTheAddressAndCounts() {
        Caller caller = Api.at(port).newWorkspace();
        List<String> emails = addresses("dsn", 2);
        String id = sentCampaign(caller, emails);
        JsonNode sent = inboxMessage(caller, emails.getFirst());
        String returnPath = sent.path("envelopeFrom").asString();
        assertThat(returnPath).matches("b-[0-9a-f]+@bounces\\.crier\\.test");

        deliver(returnPath, SampleMail.about("rfc3464-hard", returnPath, messageId(sent)).bytes());

        JsonNode bounced = Eventually.await("the delivery to be bounced", WAIT,
                () -> deliveries(caller, id, "bounced"), found -> !found.isEmpty()).getFirst();
        assertThat(bounced.path("email").asString()).isEqualTo(emails.getFirst());
        assertThat(bounced.path("lastReply").asString()).contains("5.1.1");
        assertThat(metrics(caller, id).path("bounced").asInt()).isEqualTo(1);
        assertThat(suppression(caller, emails.getFirst()).path("reason").asString()).isEqualTo("bounced");
        assertThat(deliveries(caller, id, "sent")).extracting(d -> d.path("email").asString())
                .containsExactly(emails.get(1));
        assertThat(jdbc.sql("select delivery_id from inbound_message where envelope_recipients = :to and state = 'processed'")
                .param("to", returnPath).query(Long.class).single()).isEqualTo(bounced.path("id").asLong());
    }

    @Test
    void anArfReportRaisesSpamReportedAndSuppressesTheAddress() {
        Caller caller = Api.at(port).newWorkspace();
        List<String> emails = addresses("arf", 2);
        String id = sentCampaign(caller, emails);
        JsonNode sent = inboxMessage(caller, emails.get(1));
        String returnPath = sent.path("envelopeFrom").asString();

        deliver(returnPath, SampleMail.about("arf", returnPath, messageId(sent)).bytes());

        Eventually.await("the complaint to count", WAIT, () -> metrics(caller, id),
                metrics -> metrics.path("spamReported").asInt() == 1);
        assertThat(suppression(caller, emails.get(1)).path("reason").asString()).isEqualTo("complained");
    }

    @Test
    void aReplyWithInReplyToStopsThatLeadsLeadterraSequenceAndFiresReplyReceived() {
        Caller caller = Api.at(port).newWorkspace();
        String url = receiver.newEndpoint();
        caller.post("/leadterra/v1/webhooks", Map.of("url", url, "events", List.of("reply.received"))).expect(201);
        String id = caller.post("/leadterra/v1/campaigns", Map.of("name", "Outbound", "sequenceSteps", List.of(
                        Map.of("subject", "First", "bodyHtml", "<p>Hi</p>", "delayDays", 0),
                        Map.of("subject", "Second", "bodyHtml", "<p>Bump</p>", "delayDays", 1))))
                .expect(201).json().path("id").asString();
        List<String> leads = addresses("lead", 2);
        caller.post("/leadterra/v1/campaigns/" + id + "/leads/bulk", Map.of("leads",
                leads.stream().map(email -> Map.of("email", email)).toList())).expect(200);
        caller.post("/leadterra/v1/campaigns/" + id + "/start").expect(200);
        Eventually.await("both first steps sent", WAIT, () -> deliveries(caller, id, "sent"), sent -> sent.size() == 2);
        JsonNode first = inboxMessage(caller, leads.getFirst());

        // A person's reply reaches the listener without a reply token: only In-Reply-To ties it.
        deliver("postmaster@bounces.crier.test", SampleMail.about("reply", "unused@bounces.crier.test",
                messageId(first)).bytes());

        JsonNode cancelled = Eventually.await("the lead's next step to be cancelled", WAIT,
                () -> deliveries(caller, id, "cancelled"), found -> !found.isEmpty()).getFirst();
        assertThat(cancelled.path("email").asString()).isEqualTo(leads.getFirst());
        assertThat(cancelled.path("lastReply").asString()).isEqualTo("replied");
        Request received = Eventually.await("reply.received", WAIT, () -> receiver.received(url),
                requests -> !requests.isEmpty()).getFirst();
        assertThat(received.event()).isEqualTo("reply.received");
        assertThat(received.data().path("reply").path("text").asString())
                .isEqualTo("Yes, I'd like to hear more. Can we talk on Thursday?\n\nCarol");
    }

    @Test
    void theSimulatorAnswersACampaignsMailThroughTheInboundPath() {
        Caller caller = Api.at(port).newWorkspace();
        String simulator = "@" + FeedbackDomains.SIMULATOR_DOMAIN;
        String id = sentCampaign(caller, List.of("bounce" + simulator, "complaint" + simulator, "ooto" + simulator,
                "reply" + simulator, addresses("plain", 1).getFirst()));

        Eventually.await("the simulated bounce", WAIT, () -> deliveries(caller, id, "bounced"),
                found -> found.size() == 1 && found.getFirst().path("email").asString().equals("bounce" + simulator));
        Eventually.await("the simulated complaint", WAIT, () -> metrics(caller, id),
                metrics -> metrics.path("spamReported").asInt() == 1);
        assertThat(suppression(caller, "complaint" + simulator).path("reason").asString()).isEqualTo("complained");
        assertThat(handled(inboxMessage(caller, "ooto" + simulator).path("envelopeFrom").asString()))
                .containsEntry("state", "processed").containsEntry("kind", "auto-reply");
        long replied = deliveries(caller, id, "sent").stream()
                .filter(d -> d.path("email").asString().equals("reply" + simulator)).findFirst().orElseThrow()
                .path("id").asLong();
        Eventually.await("the simulated reply", WAIT, () -> jdbc.sql("""
                        select count(*) from inbound_message where kind = 'reply' and delivery_id = :id
                          and state = 'processed'""").param("id", replied).query(Long.class).single(),
                count -> count == 1);
        assertThat(metrics(caller, id).path("bounced").asInt()).isEqualTo(1);
    }

    @Test
    void theSimulatorBouncesATransactionalMail() {
        Caller caller = Api.at(port).newWorkspace();
        String emailId = caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                        "to", Map.of("email", "bounce@" + FeedbackDomains.SIMULATOR_DOMAIN), "subject", "Welcome",
                        "text", "Hello"))
                .expect(201).data().path("emailId").asString();

        JsonNode mail = Eventually.await("the transactional mail to bounce", WAIT,
                () -> caller.get("/v1/mails/" + emailId).expect(200).data(),
                found -> found.path("status").asString().equals("bounced"));
        assertThat(mail.path("lastReply").asString()).contains("5.1.1");
        assertThat(suppression(caller, "bounce@" + FeedbackDomains.SIMULATOR_DOMAIN).path("reason").asString())
                .isEqualTo("bounced");
    }

    private void deliver(String recipient, byte[] message) {
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            assertThat(smtp.send("", message, recipient)).startsWith("250");
        }
    }

    private Map<String, Object> handled(String envelopeRecipient) {
        return Eventually.await("the message to " + envelopeRecipient + " to be handled", WAIT,
                () -> jdbc.sql("select state, kind from inbound_message where envelope_recipients = :to")
                        .param("to", envelopeRecipient)
                        .query((rs, row) -> Map.<String, Object>of("state", rs.getString("state"),
                                "kind", String.valueOf(rs.getString("kind"))))
                        .list(),
                rows -> rows.size() == 1 && !rows.getFirst().get("state").equals("queued")).getFirst();
    }

    private static String sentCampaign(Caller caller, List<String> emails) {
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sent");
        return id;
    }

    /** The captured message sent to {@code email}, whole. */
    private static JsonNode inboxMessage(Caller caller, String email) {
        JsonNode summary = Eventually.await("mail to " + email + " in the dev inbox", WAIT,
                () -> caller.get("/v1/dev/inbox").expect(200).data().path("messages").valueStream()
                        .filter(m -> m.path("to").get(0).asString().equals(email)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        return caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data();
    }

    private static String messageId(JsonNode message) {
        return message.path("headers").path("Message-ID").get(0).asString();
    }

    private static List<JsonNode> deliveries(Caller caller, String id, String status) {
        JsonNode page = caller.get("/v1/campaigns/" + id + "/deliveries?status=" + status + "&limit=100").expect(200)
                .data().path("deliveries");
        return StreamSupport.stream(page.spliterator(), false).toList();
    }

    private static JsonNode metrics(Caller caller, String id) {
        return caller.get("/v1/campaigns/" + id).expect(200).data().path("metrics");
    }

    private static JsonNode suppression(Caller caller, String email) {
        JsonNode found = Eventually.await("a suppression of " + email, WAIT,
                () -> caller.get("/v1/suppressions?email=" + email).expect(200).data().path("suppressions"),
                suppressions -> suppressions.size() == 1);
        return found.path(0);
    }

    private static List<String> addresses(String prefix, int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i + "-" + tag + "@example.org").toList();
    }
}
