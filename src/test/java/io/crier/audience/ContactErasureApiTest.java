package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.feedback.InboundMail;
import io.crier.feedback.InboundMail.Channel;
import io.crier.feedback.InboundMail.Origin;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.WebhookReceiver;

import tools.jackson.databind.JsonNode;

/**
 * GDPR access and erasure end to end, on each database: a contact who was mailed, opened, clicked,
 * replied (over the inbound queue, from their own address), bounced (a standard DSN to the return
 * path) and was copied on another's transactional mail finds each of those in the export, with the
 * webhook calls about them (delivered and pending), the raw inbound messages and the dev inbox's
 * copies; erasing them leaves no row with their address or their deliveries' ids in any table that
 * holds personal data, nor a captured message naming them, only a keyed hash on the suppression
 * list, which keeps a new campaign and a transactional mail from reaching them.
 */
@CrierApiTest
class ContactErasureApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern PIXEL = Pattern.compile("http://localhost:8080(/t/o/[A-Za-z0-9_-]+)");
    private static final Pattern CLICK = Pattern.compile("http://localhost:8080(/t/c/[A-Za-z0-9_-]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> EVENTS = List.of("delivery.sent", "delivery.bounced", "email.opened",
            "email.clicked", "email.replied");
    private static WebhookReceiver receiver;

    @LocalServerPort
    int port;
    @Autowired
    InboundMail inbound;
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
    void theExportShowsEveryTraceAndErasureLeavesOnlyAHashThatKeepsThemSuppressed() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String person = "erin-" + tag + "@example.org";
        String other = "otto-" + tag + "@example.org";
        String lookalike = "k" + person;
        String list = Audiences.list(caller, List.of(person, other, lookalike));
        String contact = contactId(caller, person);
        caller.post("/v1/webhooks", Map.of("url", receiver.newEndpoint(), "events", EVENTS)).expect(201);
        String failing = receiver.newEndpoint();
        receiver.answer(failing, java.util.Collections.nCopies(50, 503).toArray(Integer[]::new));
        caller.post("/v1/webhooks", Map.of("url", failing, "events", EVENTS)).expect(201);
        String campaign = Audiences.campaign(caller, Map.of("html",
                "<p>Hi {{ firstName }}, <a href=\"https://shop.example.com/offer\">our offer</a></p>"), list);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");

        JsonNode sent = inboxMessage(caller, person);
        String html = html(sent.path("raw").asString());
        fetch(first(PIXEL, html));
        fetch(first(CLICK, html));
        String messageId = sent.path("headers").path("Message-ID").get(0).asString();
        inbound.accept(reply(person, messageId), new Origin(Channel.SMTP, null, List.of("postmaster@bounces.crier.test")));
        String returnPath = sent.path("envelopeFrom").asString();
        inbound.accept(bounce(returnPath, messageId), new Origin(Channel.SMTP, null, List.of(returnPath)));

        JsonNode export = Eventually.await("the reply and the bounce in the export", WAIT,
                () -> caller.get("/v1/contacts/" + contact + "/export").expect(200).data(),
                found -> found.path("feedback").size() == 2);
        assertThat(export.path("email").asString()).isEqualTo(person);
        assertThat(export.path("contact").path("id").asString()).isEqualTo(contact);
        assertThat(export.path("contact").path("subscriptions").get(0).path("status").asString()).isEqualTo("subscribed");
        assertThat(export.path("deliveries")).singleElement().satisfies(delivery -> {
            assertThat(delivery.path("campaignId").asString()).isEqualTo(campaign);
            assertThat(delivery.path("status").asString()).isEqualTo("bounced");
            assertThat(delivery.path("sentAt").isNull()).isFalse();
        });
        assertThat(export.path("trackingEvents").valueStream().map(event -> event.path("kind").asString()))
                .containsExactlyInAnyOrder("open", "click");
        assertThat(export.path("trackingEvents").valueStream().map(event -> event.path("url").asString()))
                .contains("https://shop.example.com/offer");
        assertThat(export.path("feedback").valueStream().map(event -> event.path("kind").asString()))
                .containsExactlyInAnyOrder("reply", "bounce");
        assertThat(export.path("inboundMessages")).hasSize(2);
        assertThat(export.path("suppressions")).singleElement()
                .satisfies(entry -> assertThat(entry.path("reason").asString()).isEqualTo("bounced"));
        assertThat(export.path("inboundMessages").valueStream().map(message -> new String(
                java.util.Base64.getDecoder().decode(message.path("raw").asString()), StandardCharsets.UTF_8)))
                .anyMatch(raw -> raw.contains("Yes please, tell me more."))
                .anyMatch(raw -> raw.contains("Diagnostic-Code: smtp; 550 5.1.1"));
        long delivery = export.path("deliveries").get(0).path("id").asLong();

        // Copied on another's transactional mail: the copy is theirs, the Cc header every copy shows names them.
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "news@crier.test"), "to", Map.of("email", other),
                "cc", Map.of("email", person, "name", "Erin"), "subject", "Minutes", "text", "Attached")).expect(201);
        export = Eventually.await("the webhook calls, delivered and pending, and the copies in the export", WAIT,
                () -> caller.get("/v1/contacts/" + contact + "/export").expect(200).data(),
                found -> found.path("capturedMessages").size() == 2 && found.path("webhookCalls").valueStream()
                        .map(call -> call.path("status").asString()).distinct().count() == 2);
        assertThat(export.path("mailHeaders")).singleElement().satisfies(headers -> {
            assertThat(headers.path("to").get(0).path("email").asString()).isEqualTo(other);
            assertThat(headers.path("cc").get(0).path("email").asString()).isEqualTo(person);
        });
        assertThat(export.path("webhookCalls").valueStream().map(call -> call.path("event").asString()))
                .contains("delivery.sent", "email.opened", "email.clicked", "email.replied");
        assertThat(export.path("capturedMessages").valueStream()
                .map(message -> message.path("envelopeTo").get(0).asString()))
                .as("the campaign's mail to them and the other's copy showing them in its Cc (their own copy is"
                        + " suppressed: they bounced)")
                .containsExactlyInAnyOrder(person, other);

        // Another workspace neither reads nor erases this contact.
        Caller stranger = Api.at(port).newWorkspace();
        stranger.get("/v1/contacts/" + contact + "/export").expectError(404, "CONTACT_NOT_FOUND");
        stranger.delete("/v1/contacts/" + contact + "?erase=true").expectError(404, "CONTACT_NOT_FOUND");

        caller.delete("/v1/contacts/" + contact + "?erase=true").expect(200);
        caller.get("/v1/contacts/" + contact + "/export").expect(404);
        assertThat(rowsAbout(caller.workspaceId(), person, contact, delivery)).as("rows left about the person")
                .containsOnly(Map.entry("suppression (hashed)", 1L));
        assertThat(rowsAbout(caller.workspaceId(), other, contact, delivery)).as("the other recipient's rows kept")
                .containsKeys("webhook_delivery", "mail_batch");
        assertThat(rowsAbout(caller.workspaceId(), lookalike, contact, delivery)).as("a longer address's rows kept")
                .containsKeys("webhook_delivery");
        assertThat(jdbc.sql("select to_header from mail_batch where workspace_id = :w").param("w",
                UUID.fromString(caller.workspaceId())).query(String.class).single()).contains(other);
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("messages").valueStream()
                .map(message -> message.path("to").get(0).asString())).as("the dev inbox after erasure")
                .doesNotContain(person).contains(other, lookalike);
        assertThat(caller.get("/v1/suppressions").expect(200).data().path("suppressions").valueStream()
                .map(entry -> entry.path("email").asString())).noneMatch(email -> email.contains(tag));
        caller.post("/v1/suppressions", Map.of("email", other, "reason", "erased")).expectInvalidField("reason");

        // Imported again, they are still never mailed: not by a campaign, nor by a transactional call.
        caller.delete("/v1/dev/inbox").expect(200);
        caller.post("/v1/contacts", Map.of("email", person, "listIds", List.of(list))).expect(201);
        String next = caller.post("/v1/campaigns/" + campaign + "/duplicate").expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + next + "/send").expect(200);
        Eventually.status(caller, next, "sent");
        assertThat(ReceivedMail.byRecipient(caller)).containsOnlyKeys(other, lookalike);
        String mail = caller.post("/v1/mails/send", Map.of("from", Map.of("email", "news@crier.test"),
                "to", Map.of("email", person), "subject", "Receipt", "text", "Thanks")).expect(201)
                .data().path("emailId").asString();
        assertThat(caller.get("/v1/mails/" + mail).expect(200).data().path("status").asString()).isEqualTo("suppressed");
    }

    /** How many rows of each table holding personal data still name the person, their contact or their delivery. */
    private Map<String, Long> rowsAbout(String workspace, String email, String contact, long delivery) {
        UUID workspaceId = UUID.fromString(workspace);
        UUID contactId = UUID.fromString(contact);
        Map<String, Long> counts = new java.util.TreeMap<>();
        count(counts, "contact", "select count(*) from contact where workspace_id = :w and (email = :e or id = :c)",
                workspaceId, email, contactId, delivery);
        count(counts, "list_member", "select count(*) from list_member where contact_id = :c", workspaceId, email,
                contactId, delivery);
        count(counts, "consent_record", "select count(*) from consent_record where contact_id = :c", workspaceId,
                email, contactId, delivery);
        count(counts, "contact_field", "select count(*) from contact_field where contact_id = :c", workspaceId,
                email, contactId, delivery);
        count(counts, "delivery", "select count(*) from delivery where workspace_id = :w and (email = :e or id = :d)",
                workspaceId, email, contactId, delivery);
        count(counts, "tracking_event", "select count(*) from tracking_event where delivery_id = :d or contact_id = :c",
                workspaceId, email, contactId, delivery);
        count(counts, "feedback_event", "select count(*) from feedback_event where delivery_id = :d or email = :e"
                + " or reply_from = :e", workspaceId, email, contactId, delivery);
        count(counts, "inbound_message", "select count(*) from inbound_message where delivery_id = :d"
                + " or from_address = :e", workspaceId, email, contactId, delivery);
        count(counts, "webhook_delivery", "select count(*) from webhook_delivery where workspace_id = :w"
                + " and position(concat('\"', :e, '\"') in body) > 0", workspaceId, email, contactId, delivery);
        count(counts, "mail_batch", "select count(*) from mail_batch where workspace_id = :w"
                + " and (position(concat('\"', :e, '\"') in to_header) > 0"
                + " or position(concat('\"', :e, '\"') in cc_header) > 0)", workspaceId, email,
                contactId, delivery);
        count(counts, "suppression", "select count(*) from suppression where workspace_id = :w and email = :e",
                workspaceId, email, contactId, delivery);
        count(counts, "suppression (hashed)", "select count(*) from suppression where workspace_id = :w"
                + " and reason = 'erased'", workspaceId, email, contactId, delivery);
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    private void count(Map<String, Long> counts, String table, String sql, UUID workspace, String email,
            UUID contact, long delivery) {
        counts.put(table, jdbc.sql(sql).paramSource(new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                        .addValue("w", workspace).addValue("e", email).addValue("c", contact).addValue("d", delivery))
                .query(Long.class).single());
    }

    private static String contactId(Caller caller, String email) {
        return caller.get("/v1/contacts?email=" + email).expect(200).data().path("contacts").get(0).path("id").asString();
    }

    private static JsonNode inboxMessage(Caller caller, String email) {
        JsonNode summary = Eventually.await("mail to " + email + " in the dev inbox", WAIT,
                () -> caller.get("/v1/dev/inbox").expect(200).data().path("messages").valueStream()
                        .filter(m -> m.path("to").get(0).asString().equals(email)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        return caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data();
    }

    private static String html(String raw) throws IOException, MessagingException {
        MimeMultipart parts = (MimeMultipart) ReceivedMail.parse(raw).getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/html")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("No HTML part in " + raw);
    }

    private static String first(Pattern pattern, String html) {
        Matcher found = pattern.matcher(html);
        assertThat(found.find()).as(pattern + " in " + html).isTrue();
        return found.group(1);
    }

    /** As the person's mail client would: a browser's user agent, no redirect followed. */
    private void fetch(String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isIn(200, 302);
    }

    private static byte[] reply(String from, String messageId) {
        return ("From: Erin <" + from + ">\r\nTo: news@crier.test\r\nSubject: Re: Hello\r\n"
                + "Message-ID: <reply-" + UUID.randomUUID() + "@example.org>\r\nIn-Reply-To: " + messageId
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nYes please, tell me more.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A standard DSN (RFC 3464) for the message, to its return path. */
    private static byte[] bounce(String returnPath, String messageId) {
        return ("""
                From: MAILER-DAEMON@mx.example.org\r
                To: %1$s\r
                Subject: Undelivered Mail Returned to Sender\r
                Message-ID: <dsn-%3$s@mx.example.org>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                The mailbox does not exist.\r
                --b\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.example.org\r
                \r
                Final-Recipient: rfc822; someone@example.org\r
                Action: failed\r
                Status: 5.1.1\r
                Diagnostic-Code: smtp; 550 5.1.1 user unknown\r
                --b\r
                Content-Type: text/rfc822-headers\r
                \r
                Message-ID: %2$s\r
                --b--\r
                """).formatted(returnPath, messageId, UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }
}
