package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.engine.DeliveryResult;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's transactional mail ({@code /v1/mails/send}, {@code /v1/mails/bulk}) on the campaign
 * engine: real sends to the loopback capture server, read back through the dev inbox, each
 * message's status readable by its id in its own workspace only.
 */
@CrierApiTest
class TransactionalMailApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSingleMailIsSentWithItsPlaceholdersFilledEscapedInHtmlAndRawInText() {
        Caller caller = Api.at(port).newWorkspace();
        String to = unique("jane");
        Reply sent = caller.post("/v1/mails/send", """
                {"from": {"email": "hello@crier.test", "name": "Your Company"},
                 "to": {"email": "%s", "name": "Jane Smith"},
                 "subject": "Welcome, {{name}}!",
                 "html": "<h1>Welcome, {{name}}!</h1><p>Order {{order}}</p>",
                 "text": "Welcome, {{name}}! Order {{order}}",
                 "dynamicData": {"name": "Jane <3", "order": 42},
                 "replyTo": {"email": "support@crier.test"}}""".formatted(to)).expect(201);

        assertThat(sent.json().path("success").asBoolean()).isTrue();
        assertThat(sent.json().path("message").asString()).isEqualTo("Email queued successfully");
        String emailId = sent.data().path("emailId").asString();
        assertThat(sent.data().path("status").asString()).isEqualTo("queued");
        assertThat(UUID.fromString(emailId)).isNotNull();
        assertThat(sent.header("Location")).isEqualTo("/v1/mails/" + emailId);

        JsonNode mail = awaitMailStatus(caller, emailId, "sent");
        assertThat(mail.path("id").asString()).isEqualTo(emailId);
        assertThat(mail.path("to").path("email").asString()).isEqualTo(to);
        assertThat(mail.path("to").path("name").asString()).isEqualTo("Jane Smith");
        assertThat(mail.path("lastReply").asString()).startsWith("250");
        assertThat(mail.path("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(mail.path("sentAt").asString())).isNotNull();

        JsonNode message = inboxMessage(caller, to);
        assertThat(message.path("subject").asString()).isEqualTo("Welcome, Jane <3!");
        assertThat(message.path("html").asString()).contains("<h1>Welcome, Jane &lt;3!</h1><p>Order 42</p>");
        assertThat(message.path("text").asString()).contains("Welcome, Jane <3! Order 42");
        assertThat(message.path("headers").path("To").get(0).asString()).contains("Jane Smith").contains(to);
        assertThat(message.path("headers").path("From").get(0).asString()).contains("Your Company")
                .contains("hello@crier.test");
        assertThat(message.path("headers").path("Reply-To").get(0).asString()).isEqualTo("support@crier.test");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aTemplateThatFailsForItsRecipientIsLoggedByItsCampaignStepNotByItsSource(CapturedOutput output) {
        Caller caller = Api.at(port).newWorkspace();
        String source = "the-template-source-" + UUID.randomUUID();
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", unique("zero")), "subject", "Hi", "dynamicData", Map.of("n", 0),
                "text", "{% if n is not null %}{{ 100 / n }}{% endif %} " + source)).expect(201);

        String logged = Eventually.await("the render error logged", Duration.ofSeconds(30), output::getAll,
                all -> all.contains("Could not render"));
        assertThat(logged).containsPattern("the template of campaign [0-9a-f-]{36}, step \\d+: ")
                .doesNotContain(source);
    }

    /**
     * Audit finding 1: a render error's message carries the whole template, which was stored as
     * the delivery's reply; past the column's 1,000 characters every outcome flush holding it
     * failed, for every tenant, forever. Now the reply names the error, not the source, and
     * another workspace's mail sent at the same time is recorded as sent.
     */
    @Test
    void aTemplateThatFailsWithALongSourceDefersItsMailAndHoldsBackNoOtherWorkspacesMail() {
        Caller poisoned = Api.at(port).newWorkspace();
        Caller healthy = Api.at(port).newWorkspace();
        String source = "x".repeat(3_000);
        String failing = poisoned.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", unique("poison")), "subject", "Hi", "dynamicData", Map.of("n", 0),
                "text", source + "{% if n is not null %}{{ 100 / n }}{% endif %}")).expect(201)
                .data().path("emailId").asString();
        String fine = healthy.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", unique("fine")), "subject", "Hi", "text", "Hello")).expect(201)
                .data().path("emailId").asString();

        Eventually.await("the other workspace's mail recorded as sent", Duration.ofSeconds(30),
                () -> healthy.get("/v1/mails/" + fine).expect(200).data().path("status").asString(), "sent"::equals);
        JsonNode deferred = Eventually.await("the failing mail deferred", Duration.ofSeconds(30),
                () -> poisoned.get("/v1/mails/" + failing).expect(200).data(),
                mail -> mail.path("status").asString().equals("deferred"));
        assertThat(deferred.path("lastReply").asString()).startsWith("internal error: ").doesNotContain("xxxxxxxxxx")
                .hasSizeLessThanOrEqualTo(DeliveryResult.MAX_REPLY);
    }

    /**
     * Audit finding 1, the rest: every kind of error Pebble raises names a template by its whole
     * source. Whatever the error, the answer or the recorded reply names the part and the error
     * and never holds the source: a parse error is refused when the mail is sent, the others
     * are the deferred mail's reply.
     */
    @Test
    void noRenderErrorPutsTheTemplateSourceIntoTheAnswerOrTheReply() {
        Caller caller = Api.at(port).newWorkspace();
        String source = " the-template-source-" + UUID.randomUUID();
        Map<String, Object> data = Map.of("n", 0, "word", "abc", "items", IntStream.range(0, 1000).boxed().toList());
        Map<String, String> failing = Map.of(
                "{{ 100 / n }}", "internal error: text: Could not perform division (line 1)",
                "{{ word.getBytes() }}", "internal error: text: For security reasons access to public byte[] "
                        + "java.lang.String.getBytes() method is denied. (line 1)",
                "{{ word.bytes }}", "internal error: text: For security reasons access to public byte[] "
                        + "java.lang.String.getBytes() method is denied. (line 1)",
                "{{ word | nosuchfilter }}", "internal error: text: Filter [nosuchfilter] does not exist. (line 1)",
                "{{ word | slice(0, 99) }}", "internal error: text: toIndex must be smaller than input size: 3 (line 1)",
                "{% for a in items %}{% for b in items %}{% for c in items %}{% endfor %}{% endfor %}{% endfor %}",
                "internal error: text: Render limit: more than 10000 loop iterations (line 1)");

        String parseError = caller.post("/v1/mails/send", mail(unique("parse"), "{{ word " + source, data))
                .expectInvalidField("text").body();
        assertThat(parseError).doesNotContain(source.strip());
        failing.forEach((template, reply) -> {
            String id = caller.post("/v1/mails/send", mail(unique("failing"), template + source, data)).expect(201)
                    .data().path("emailId").asString();
            assertThat(awaitMailStatus(caller, id, "deferred").path("lastReply").asString()).as(template)
                    .isEqualTo(reply);
        });
    }

    private static Map<String, Object> mail(String to, String text, Map<String, Object> dynamicData) {
        return Map.of("from", Map.of("email", "hello@crier.test"), "to", Map.of("email", to), "subject", "Hi",
                "text", text, "dynamicData", dynamicData);
    }

    @Test
    void aBulkCallSendsOneBodyToEachRecipientWithItsOwnDataAndSkipsSuppressedAddresses() {
        Caller caller = Api.at(port).newWorkspace();
        String ada = unique("ada");
        String linus = unique("linus");
        String gone = unique("gone");
        jdbc.sql("insert into suppression (workspace_id, email, reason, created_at)"
                        + " values (:workspaceId, :email, 'bounced', current_timestamp)")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).param("email", gone).update();

        Reply bulk = caller.post("/v1/mails/bulk", """
                {"from": {"email": "hello@crier.test"}, "subject": "Your report, {{name}}",
                 "html": "<p>Hi {{name}}, plan {{plan}}</p>", "dynamicData": {"plan": "free"},
                 "recipients": [
                   {"email": "%s", "name": "Ada L", "dynamicData": {"name": "Ada", "plan": "pro"}},
                   {"email": "%s", "dynamicData": {"name": "Linus"}},
                   {"email": "%s", "dynamicData": {"name": "Nobody"}}]}""".formatted(ada, linus, gone.toUpperCase()))
                .expect(200);

        JsonNode data = bulk.data();
        assertThat(UUID.fromString(data.path("batchId").asString())).isNotNull();
        assertThat(data.path("totalRecipients").asInt()).isEqualTo(3);
        assertThat(data.path("successCount").asInt()).isEqualTo(2);
        assertThat(data.path("failedCount").asInt()).isEqualTo(1);
        assertThat(data.path("suppressedCount").asInt()).isEqualTo(1);
        List<JsonNode> emails = data.path("emails").valueStream().toList();
        assertThat(emails).extracting(e -> e.path("email").asString()).containsExactly(ada, linus, gone);
        assertThat(emails).extracting(e -> e.path("status").asString())
                .containsExactly("queued", "queued", "suppressed");

        awaitMailStatus(caller, emails.get(0).path("emailId").asString(), "sent");
        awaitMailStatus(caller, emails.get(1).path("emailId").asString(), "sent");
        assertThat(caller.get("/v1/mails/" + emails.get(2).path("emailId").asString()).expect(200).data()
                .path("status").asString()).isEqualTo("suppressed");

        assertThat(inboxMessage(caller, ada).path("html").asString()).contains("<p>Hi Ada, plan pro</p>");
        assertThat(inboxMessage(caller, ada).path("subject").asString()).isEqualTo("Your report, Ada");
        assertThat(inboxMessage(caller, linus).path("html").asString()).contains("<p>Hi Linus, plan free</p>");
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isEqualTo(2);
        assertThat(caller.get("/v1/campaigns").expect(200).data().path("pagination").path("total").asInt())
                .as("transactional calls are not campaigns").isZero();
        caller.get("/v1/campaigns/" + data.path("batchId").asString()).expectError(404, "CAMPAIGN_NOT_FOUND");
        caller.post("/v1/campaigns/" + data.path("batchId").asString() + "/pause")
                .expectError(404, "CAMPAIGN_NOT_FOUND");
        caller.get("/v1/campaigns/" + data.path("batchId").asString() + "/deliveries")
                .expectError(404, "CAMPAIGN_NOT_FOUND");
    }

    @Test
    void bypassSuppressionsSendsToASuppressedAddressAndToCanListSeveralAddresses() {
        Caller caller = Api.at(port).newWorkspace();
        String gone = unique("bypass");
        String other = unique("copy");
        suppress(caller, gone, "unsubscribed");

        JsonNode data = caller.post("/v1/mails/send", """
                {"from": {"email": "hello@crier.test"}, "to": [{"email": "%s"}, {"email": "%s", "name": "Copy"}],
                 "subject": "Receipt", "text": "Thanks, {{name | default('friend')}}", "bypassSuppressions": true}"""
                .formatted(gone, other)).expect(201).data();

        assertThat(data.path("emails").size()).isEqualTo(2);
        assertThat(data.path("emailId").asString()).isEqualTo(data.path("emails").get(0).path("emailId").asString());
        data.path("emails").forEach(email -> awaitMailStatus(caller, email.path("emailId").asString(), "sent"));
        assertThat(inboxMessage(caller, gone).path("text").asString()).contains("Thanks, friend");
        assertThat(inboxMessage(caller, other).path("text").asString()).contains("Thanks, Copy");
    }

    /**
     * {@code bypassSuppressions} is for mail a person needs whatever they unsubscribed from (a
     * receipt, a password reset); an address that hard-bounced or complained is never mailed.
     */
    @Test
    void bypassSuppressionsNeverReachesAHardBounceOrAComplaint() {
        Caller caller = Api.at(port).newWorkspace();
        String bounced = unique("bounced");
        String complained = unique("complained");
        String unsubscribed = unique("unsubscribed");
        suppress(caller, bounced, "bounced");
        suppress(caller, complained, "complained");
        suppress(caller, unsubscribed, "unsubscribed");

        JsonNode data = caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", List.of(Map.of("email", bounced), Map.of("email", complained), Map.of("email", unsubscribed)),
                "subject", "Reset", "text", "Your link", "bypassSuppressions", true)).expect(201).data();

        assertThat(data.path("emails").valueStream().map(e -> e.path("email").asString() + " "
                + e.path("status").asString())).containsExactly(bounced + " suppressed", complained + " suppressed",
                unsubscribed + " queued");
    }

    @Test
    void aTemplateGivesTheContentAndAnotherWorkspacesTemplateIsRefusedLikeAnUnknownOne() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller stranger = api.newWorkspace();
        String template = caller.post("/v1/templates", """
                {"name": "Receipt", "subject": "Receipt {{order}}", "html": "<p>Order {{order}} for {{name}}</p>"}""")
                .expect(201).data().path("id").asString();
        String theirs = stranger.post("/v1/templates", "{\"name\": \"Theirs\", \"subject\": \"S\", \"text\": \"T\"}")
                .expect(201).data().path("id").asString();
        String to = unique("receipt");

        String emailId = caller.post("/v1/mails/send", """
                {"from": {"email": "shop@crier.test"}, "to": {"email": "%s", "name": "Grace"},
                 "templateId": "%s", "dynamicData": {"order": "A-7"}}""".formatted(to, template))
                .expect(201).data().path("emailId").asString();
        awaitMailStatus(caller, emailId, "sent");
        JsonNode message = inboxMessage(caller, to);
        assertThat(message.path("subject").asString()).isEqualTo("Receipt A-7");
        assertThat(message.path("html").asString()).contains("<p>Order A-7 for Grace</p>");

        String body = """
                {"from": {"email": "shop@crier.test"}, "to": {"email": "%s"}, "templateId": "%s"}""";
        Reply forTheirs = caller.post("/v1/mails/send", body.formatted(to, theirs)).expectInvalidField("templateId");
        Reply forNone = caller.post("/v1/mails/send", body.formatted(to, UUID.randomUUID()))
                .expectInvalidField("templateId");
        assertThat(forTheirs.body()).isEqualTo(forNone.body());
    }

    @Test
    void aMailIsReadableInItsOwnWorkspaceOnly() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller other = api.newWorkspace();
        String emailId = caller.post("/v1/mails/send", """
                {"from": {"email": "a@crier.test"}, "to": {"email": "%s"}, "subject": "S", "text": "T"}"""
                .formatted(unique("own"))).expect(201).data().path("emailId").asString();

        Reply theirs = other.get("/v1/mails/" + emailId).expectError(404, "EMAIL_NOT_FOUND");
        assertThat(theirs.body()).isEqualTo(other.get("/v1/mails/" + UUID.randomUUID()).body());
        caller.get("/v1/mails/12").expectError(404, "EMAIL_NOT_FOUND");
        caller.get("/v1/mails/" + emailId).expect(200);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Caller caller = Api.at(port).newWorkspace();
        String valid = "\"from\": {\"email\": \"a@crier.test\"}, \"subject\": \"S\", \"text\": \"T\"";
        caller.post("/v1/mails/send", "{\"from\": {\"email\": \"a@crier.test\"}, \"subject\": \"S\", \"text\": \"T\"}")
                .expectInvalidField("to");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": {\"email\": \"not-an-address\"}}")
                .expectInvalidField("to.email");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": {}}").expectInvalidField("to.email");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": {\"email\": \"b@crier.test\","
                + " \"name\": \"Eve\\r\\nBcc: x@crier.test\"}}").expectInvalidField("to.name");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": []}").expectInvalidField("to");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": [{\"email\": \"x\"}]}").expectInvalidField("to[0].email");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": {\"email\": \"b@crier.test\"}, \"dynamicData\": [1]}")
                .expectInvalidField("dynamicData");
        caller.post("/v1/mails/send", "{" + valid + ", \"to\": {\"email\": \"b@crier.test\"},"
                + " \"cc\": [{\"email\": \"not-an-address\"}]}").expectInvalidField("cc[0].email");
        caller.post("/v1/mails/send", "{\"to\": {\"email\": \"b@crier.test\"}, \"subject\": \"S\", \"text\": \"T\"}")
                .expectInvalidField("from");
        caller.post("/v1/mails/send", "{\"from\": {\"email\": \"a@crier.test\"}, \"to\": {\"email\": \"b@crier.test\"},"
                + " \"text\": \"T\"}").expectInvalidField("subject");
        caller.post("/v1/mails/send", "{\"from\": {\"email\": \"a@crier.test\"}, \"to\": {\"email\": \"b@crier.test\"},"
                + " \"subject\": \"S\"}").expectInvalidField("html");
        caller.post("/v1/mails/send", "{" + valid.replace("\"T\"", "\"{{ broken\"")
                + ", \"to\": {\"email\": \"b@crier.test\"}}").expectInvalidField("text");
        caller.post("/v1/mails/bulk", "{" + valid + ", \"recipients\": []}").expectInvalidField("recipients");
        caller.post("/v1/mails/bulk", "{" + valid + ", \"recipients\": [{\"email\": \"b@crier.test\"},"
                + " {\"email\": \"b@crier.test\", \"dynamicData\": \"x\"}]}").expectInvalidField("recipients[1].dynamicData");
        String many = "{\"email\": \"b@crier.test\"}, ".repeat(100) + "{\"email\": \"b@crier.test\"}";
        caller.post("/v1/mails/bulk", "{" + valid + ", \"recipients\": [" + many + "]}")
                .expectInvalidField("recipients");
        Caller readOnly = caller.withKey(caller.post("/v1/api-keys", "{\"name\": \"r\", \"scopes\": [\"read\", \"write\"]}")
                .expect(201).data().path("key").asString());
        readOnly.post("/v1/mails/send", "{" + valid + ", \"to\": {\"email\": \"b@crier.test\"}}")
                .expectError(403, "FORBIDDEN");
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isZero();
    }

    private static JsonNode awaitMailStatus(Caller caller, String emailId, String status) {
        return Eventually.await("mail " + emailId + " to be " + status, Duration.ofSeconds(30),
                () -> caller.get("/v1/mails/" + emailId).expect(200).data(),
                mail -> mail.path("status").asString().equals(status));
    }

    private static JsonNode inboxMessage(Caller caller, String to) {
        JsonNode summary = Eventually.await("a message to " + to, Duration.ofSeconds(30),
                () -> caller.get("/v1/dev/inbox?limit=100").expect(200).data().path("messages").valueStream()
                        .filter(m -> m.path("to").get(0).asString().equals(to)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        return caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private void suppress(Caller caller, String email, String reason) {
        jdbc.sql("insert into suppression (workspace_id, email, reason, created_at)"
                        + " values (:workspaceId, :email, :reason, current_timestamp)")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).param("email", email)
                .param("reason", reason).update();
    }
}
