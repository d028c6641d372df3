package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.feedback.InboundMail;
import io.crier.feedback.InboundMail.Channel;
import io.crier.feedback.InboundMail.Origin;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * AutoSend's inbound messages API over real HTTP, fed through the real inbound SMTP listener (and
 * the queue a polled mailbox writes to), on each database: a reply to a transactional mail is
 * listed and read with its attachment, cleaned of script, downloaded through its signed link and
 * answered in its thread; parked mail is listed with its reason and queued again; no workspace sees
 * another's messages, nor mail the listener tied to no workspace.
 */
@CrierApiTest
class InboundMessagesApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    InboundSmtpServer listener;
    @Autowired
    InboundMail queue;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplyIsListedReadWithItsAttachmentAndAnsweredInItsThread() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String welcomed = "ann-" + tag + "@example.org";
        String replyTo = "carol-work-" + tag + "@example.org";
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", welcomed), "subject", "Welcome aboard", "text", "Hello"))
                .expect(201);
        String sentId = inboxMessage(caller, welcomed).path("headers").path("Message-ID").get(0).asString();
        String ownId = "<reply-" + tag + "@recipient.example>";

        deliver(sample("reply-with-attachment").replace("${REPLY_FROM}", "carol-" + tag + "@example.org")
                .replace("${REPLY_TO}", replyTo).replace("${OWN_ID}", ownId).replace("${MESSAGE_ID}", sentId));

        JsonNode listing = Eventually.await("the reply to be listed as processed", WAIT,
                () -> caller.get("/v1/inbound/messages").expect(200).data(),
                page -> page.path("items").size() == 1
                        && page.path("items").get(0).path("status").asString().equals("PROCESSED"));
        JsonNode item = listing.path("items").get(0);
        assertThat(listing.path("pagination").path("total").asInt()).isEqualTo(1);
        assertThat(item.path("messageId").asString()).isEqualTo(ownId);
        assertThat(item.path("from").path("email").asString()).isEqualTo("carol-" + tag + "@example.org");
        assertThat(item.path("from").path("name").asString()).isEqualTo("Carol Example");
        assertThat(item.path("to").get(0).path("email").asString()).isEqualTo("hello@crier.test");
        assertThat(item.path("cc").get(0).path("email").asString()).isEqualTo("dan@recipient.example");
        assertThat(item.path("subject").asString()).isEqualTo("Re: Welcome aboard");
        assertThat(item.path("attachmentCount").asInt()).isEqualTo(1);
        assertThat(item.path("domainName").asString()).isEqualTo("bounces.crier.test");
        assertThat(item.path("kind").asString()).isEqualTo("reply");
        String id = item.path("id").asString();

        JsonNode message = caller.get("/v1/inbound/messages/" + id).expect(200).data();
        assertThat(message.path("text").asString()).contains("Thanks! The notes are attached.");
        assertThat(message.path("html").asString()).contains("<b>attached</b>")
                .doesNotContain("<script", "onclick", "javascript:");
        assertThat(message.path("headers").path("Subject").asString()).isEqualTo("Re: Welcome aboard");
        assertThat(message.path("inReplyTo").asString()).isEqualTo(sentId);
        assertThat(message.path("threadId").asString()).isEqualTo("<thread-start@crier.test>");
        assertThat(message.path("replyTo").get(0).path("email").asString()).isEqualTo(replyTo);
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("filename").asString()).isEqualTo("notes.html");
        assertThat(attachment.path("contentType").asString()).isEqualTo("text/html");
        assertThat(attachment.path("size").asInt()).isEqualTo(30);
        assertThat(attachment.path("attachmentId").asString()).isEqualTo("att_0");

        JsonNode link = caller.get("/v1/inbound/messages/" + id + "/attachments/att_0").expect(200).data();
        assertThat(link.path("expiresIn").asInt()).isEqualTo(300);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(link.path("downloadUrl").asString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("<script>alert(1)</script>Notes");
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(caller.get("/v1/inbound/messages/" + id + "/attachments/0").expect(200).data()
                .path("filename").asString()).isEqualTo("notes.html");
        caller.get("/v1/inbound/messages/" + id + "/attachments/1").expectError(404, "ATTACHMENT_NOT_FOUND");
        String url = link.path("downloadUrl").asString();
        String changed = url.substring(0, url.length() - 1) + (url.endsWith("A") ? "B" : "A");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(changed)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);

        JsonNode replied = caller.post("/v1/inbound/messages/" + id + "/reply",
                Map.of("from", Map.of("email", "hello@crier.test", "name", "Hello team"), "text", "Glad to hear it"))
                .expect(201).data();
        assertThat(replied.path("totalRecipients").asInt()).isEqualTo(1);
        assertThat(replied.path("status").asString()).isEqualTo("queued");
        JsonNode answer = inboxMessage(caller, replyTo);
        assertThat(answer.path("subject").asString()).isEqualTo("Re: Welcome aboard");
        assertThat(answer.path("text").asString()).contains("Glad to hear it");
        assertThat(answer.path("headers").path("In-Reply-To").get(0).asString()).isEqualTo(ownId);
        assertThat(answer.path("headers").path("References").get(0).asString().replaceAll("\\s+", " "))
                .isEqualTo("<thread-start@crier.test> " + sentId + " " + ownId);
        assertThat(caller.get("/v1/mails/" + replied.path("emailId").asString()).expect(200).data()
                .path("to").path("email").asString()).isEqualTo(replyTo);

        assertThat(caller.get("/v1/inbound/messages?from=CAROL-" + tag + "@example.org").expect(200).data()
                .path("items").size()).isEqualTo(1);
        assertThat(caller.get("/v1/inbound/messages?search=welcome&to=hello@crier").expect(200).data()
                .path("items").size()).isEqualTo(1);
        assertThat(caller.get("/v1/inbound/messages?threadId=%3Cthread-start@crier.test%3E&dateFrom=2020-01-01")
                .expect(200).data().path("items").size()).isEqualTo(1);
        assertThat(caller.get("/v1/inbound/messages?status=FAILED").expect(200).data().path("items").size()).isZero();
        assertThat(caller.get("/v1/inbound/messages?dateTo=2020-01-01").expect(200).data().path("items").size())
                .isZero();
        caller.get("/v1/inbound/messages?status=bounced").expectInvalidField("status");
        caller.get("/v1/inbound/messages?dateFrom=yesterday").expectInvalidField("dateFrom");
        caller.post("/v1/inbound/messages/" + id + "/reply", Map.of("to", Map.of("email", "x@example.org"),
                "text", "x")).expectInvalidField("to");
        caller.post("/v1/inbound/messages/" + id + "/reply", Map.of("from", Map.of("email", "nobody"), "text", "x"))
                .expectInvalidField("from.email");

        Caller other = Api.at(port).newWorkspace();
        assertThat(other.get("/v1/inbound/messages").expect(200).data().path("items").size()).isZero();
        other.get("/v1/inbound/messages/" + id).expectError(404, "INBOUND_MESSAGE_NOT_FOUND");
        other.get("/v1/inbound/messages/" + id + "/attachments/0").expectError(404, "INBOUND_MESSAGE_NOT_FOUND");
        other.post("/v1/inbound/messages/" + id + "/reply", Map.of("text", "x"))
                .expectError(404, "INBOUND_MESSAGE_NOT_FOUND");
    }

    @Test
    void parkedMailIsListedWithItsReasonAndARetryQueuesItAgainOnce() {
        Caller caller = Api.at(port).newWorkspace();
        UUID workspace = UUID.fromString(caller.workspaceId());
        String tag = UUID.randomUUID().toString();
        queue.accept(("From: Seller <deals@spam.example>\r\nSubject: Cheap watches " + tag + "\r\nMessage-ID: <"
                + tag + "@spam.example>\r\n\r\nBuy now.\r\n").getBytes(StandardCharsets.US_ASCII),
                new Origin(Channel.IMAP, workspace, List.of()));

        JsonNode parked = Eventually.await("the message to be parked", WAIT,
                () -> caller.get("/v1/inbound/messages?status=FAILED").expect(200).data().path("items"),
                items -> items.size() == 1).get(0);
        assertThat(parked.path("subject").asString()).isEqualTo("Cheap watches " + tag);
        assertThat(parked.path("state").asString()).isEqualTo("parked");
        assertThat(parked.path("reason").asString()).contains("neither a bounce");
        String id = parked.path("id").asString();

        JsonNode retried = caller.post("/v1/inbound/messages/" + id + "/retry").expect(200).data();
        assertThat(retried.path("status").asString()).isEqualTo("PROCESSING");
        assertThat(retried.path("attempts").asInt()).isZero();
        Eventually.await("the retried message to be parked again", WAIT,
                () -> caller.get("/v1/inbound/messages/" + id).expect(200).data(),
                message -> message.path("status").asString().equals("FAILED") && message.path("attempts").asInt() == 1);

        // Waiting for a later try (as after a failure): a retry leaves it waiting, its try count as it is.
        jdbc.sql("update inbound_message set state = 'queued', attempts = 2, not_before = :later where id = :id")
                .param("later", java.time.OffsetDateTime.now().plusYears(1)).param("id", Long.parseLong(id)).update();
        assertThat(caller.post("/v1/inbound/messages/" + id + "/retry").expect(200).data().path("attempts").asInt())
                .isEqualTo(2);
        assertThat(caller.post("/v1/inbound/messages/" + id + "/retry").expect(200).data().path("status").asString())
                .isEqualTo("PROCESSING");
        assertThat(jdbc.sql("select attempts from inbound_message where id = :id").param("id", Long.parseLong(id))
                .query(Integer.class).single()).isEqualTo(2);

        Caller other = Api.at(port).newWorkspace();
        other.post("/v1/inbound/messages/" + id + "/retry").expectError(404, "INBOUND_MESSAGE_NOT_FOUND");
        jdbc.sql("update inbound_message set state = 'processed', kind = 'reply' where id = :id")
                .param("id", Long.parseLong(id)).update();
        caller.post("/v1/inbound/messages/" + id + "/retry").expectError(422, "INVALID_STATE_TRANSITION");
    }

    /** The SDK retries a reply whose answer was lost: with the same Idempotency-Key it is sent once. */
    @Test
    void aReplySentTwiceWithTheSameIdempotencyKeyIsSentOnce() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString();
        String customer = "customer-" + tag + "@example.org";
        queue.accept(("From: Customer <" + customer + ">\r\nSubject: Question " + tag + "\r\nMessage-ID: <" + tag
                + "@example.org>\r\n\r\nHow do I export?\r\n").getBytes(StandardCharsets.US_ASCII),
                new Origin(Channel.IMAP, UUID.fromString(caller.workspaceId()), List.of()));
        String id = Eventually.await("the message to be listed", WAIT,
                () -> caller.get("/v1/inbound/messages?status=FAILED").expect(200).data().path("items"),
                items -> items.size() == 1).get(0).path("id").asString();
        // Answerable as a reply is (the listener parks mail it cannot tie to a sent message).
        jdbc.sql("update inbound_message set state = 'processed', kind = 'reply' where id = :id")
                .param("id", Long.parseLong(id)).update();

        Caller retrying = caller.withHeader("Idempotency-Key", "reply-" + tag);
        Map<String, Object> reply = Map.of("from", Map.of("email", "help@crier.test"), "text", "Settings, Export");
        JsonNode first = retrying.post("/v1/inbound/messages/" + id + "/reply", reply).expect(201).data();
        Reply again = retrying.post("/v1/inbound/messages/" + id + "/reply", reply).expect(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.data().path("emailId").asString()).isEqualTo(first.path("emailId").asString());

        inboxMessage(caller, customer);
        assertThat(caller.get("/v1/dev/inbox?limit=100").expect(200).data().path("messages").valueStream()
                .filter(m -> m.path("to").get(0).asString().equals(customer)).count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from delivery where workspace_id = :workspaceId")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void mailTheListenerTiesToNoWorkspaceIsVisibleToNobody() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString();
        deliver("From: Seller <deals@spam.example>\r\nSubject: Unsolicited " + tag + "\r\nMessage-ID: <" + tag
                + "@spam.example>\r\n\r\nBuy now.\r\n");

        Eventually.await("the message to be parked", WAIT, () -> jdbc.sql(
                "select state from inbound_message where message_id = :id").param("id", "<" + tag + "@spam.example>")
                .query(String.class).optional(), state -> state.equals(Optional.of("parked")));
        assertThat(jdbc.sql("select count(*) from inbound_message where message_id = :id and owner_workspace is null")
                .param("id", "<" + tag + "@spam.example>").query(Long.class).single()).isEqualTo(1);
        assertThat(caller.get("/v1/inbound/messages?search=" + tag).expect(200).data().path("items").size()).isZero();
    }

    private void deliver(String message) {
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            assertThat(smtp.send("", message.replace("\r\n", "\n").replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8), "postmaster@bounces.crier.test")).startsWith("250");
        }
    }

    private static String sample(String name) {
        try (InputStream in = InboundMessagesApiTest.class.getResourceAsStream("/inbound/" + name + ".eml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode inboxMessage(Caller caller, String to) {
        JsonNode summary = Eventually.await("mail to " + to + " in the dev inbox", WAIT,
                () -> caller.get("/v1/dev/inbox?limit=100").expect(200).data().path("messages").valueStream()
                        .filter(m -> m.path("to").get(0).asString().equals(to)).findFirst(),
                Optional::isPresent).orElseThrow();
        return caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data();
    }
}
