package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.WebhookReceiver;

import tools.jackson.databind.JsonNode;

/**
 * Replies to a campaign that tracks replies are passed on to its real reply-to, end to end over
 * SMTP with the built-in capture relay: the campaign goes out with its reply address as Reply-To,
 * a reply reaches the inbound listener there, is recorded ({@code email.replied}, once) and reaches
 * the campaign's {@code replyTo} byte for byte below Crier's trace header, with its envelope sender
 * on the bounce domain. Auto-replies and replies that would loop are not passed on. Shares
 * {@link InboundEndToEndTest}'s context.
 */
@CrierApiTest
class ReplyForwardingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Session PARSING = Session.getInstance(new Properties());
    private static WebhookReceiver receiver;

    @LocalServerPort
    int port;
    @Autowired
    InboundSmtpServer listener;
    @Autowired
    JdbcClient jdbc;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String reader = "reader-" + tag + "@example.org";
    private final String desk = "desk-" + tag + "@example.org";

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReplyToTheReplyAddressReachesTheCampaignsReplyToIntactAndIsRecordedOnce() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        String url = receiver.newEndpoint();
        caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("email.replied"))).expect(201);
        JsonNode sent = sentMessage(caller, Map.of("replyTo", desk, "trackReplies", true));
        String replyAddress = header(sent, "Reply-To");
        assertThat(replyAddress).matches("reply\\+[0-9a-f]+@replies\\.crier\\.test");
        byte[] reply = reply(replyAddress, header(sent, "Message-ID"));

        deliver(replyAddress, reply);
        // The replier's server tries the same transaction again: taken once by its Message-ID.
        deliver(replyAddress, reply);

        JsonNode forwarded = inboxMessage(caller, desk);
        assertThat(forwarded.path("envelopeFrom").asString()).isEqualTo("postmaster@bounces.crier.test");
        byte[] raw = forwarded.path("raw").asString().getBytes(StandardCharsets.UTF_8);
        // Unchanged below Crier's trace header and the listener's Received line, so the replier's DKIM still
        // verifies (the capture relay, as any mail server, adds its own Received line above).
        assertThat(new String(raw, StandardCharsets.UTF_8))
                .contains("\r\nX-Crier-Forwarded-For: " + replyAddress + "\r\nReceived: from tester.example")
                .endsWith("\r\n" + new String(reply, StandardCharsets.UTF_8));
        MimeMessage received = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo(reader);
        assertThat(((Multipart) received.getContent()).getBodyPart(0).getContent())
                .isEqualTo("Gern! Können wir am Donnerstag sprechen?\r\n\r\nCarol\r\n");
        // The relay's 250 may reach the capture inbox a moment before the worker records it.
        assertThat(Eventually.await("the forward recorded as sent", WAIT, () -> forwardRow(replyAddress),
                row -> row.get("state").equals("sent"))).containsEntry("recipient", desk);

        WebhookReceiver.Request replied = Eventually.await("email.replied", WAIT, () -> receiver.received(url),
                requests -> !requests.isEmpty()).getFirst();
        assertThat(replied.data().path("text").asString())
                .isEqualTo("Gern! Können wir am Donnerstag sprechen?\n\nCarol");
        assertThat(receiver.received(url)).hasSize(1);
        assertThat(inbox(caller, desk)).hasSize(1);
    }

    @Test
    void anAutoReplyToTheReplyAddressIsNotPassedOnButTheReplyAfterItIs() {
        Caller caller = Api.at(port).newWorkspace();
        JsonNode sent = sentMessage(caller, Map.of("replyTo", desk, "trackReplies", true));
        String replyAddress = header(sent, "Reply-To");
        String messageId = header(sent, "Message-ID");

        deliver(replyAddress, SampleMail.about("ooto-rfc3834", "unused@bounces.crier.test", messageId)
                .text().replace("unused@replies.crier.test", replyAddress).getBytes(StandardCharsets.UTF_8));
        Eventually.await("the auto-reply to be handled", WAIT, () -> jdbc.sql("""
                        select kind from inbound_message where envelope_recipients = :to and state = 'processed'""")
                .param("to", replyAddress).query(String.class).optional(), Optional::isPresent);
        // Forwards are queued in the transaction that handles the message: none was.
        assertThat(forwardCount(replyAddress)).isZero();

        deliver(replyAddress, reply(replyAddress, messageId));
        JsonNode forwarded = inboxMessage(caller, desk);
        assertThat(forwarded.path("subject").asString()).isEqualTo("Re: Our news");
        assertThat(inbox(caller, desk)).hasSize(1);
    }

    @Test
    void aReplyToTheSenderWithoutAReplyToGoesToTheFromAddressAndOneThatWouldLoopIsParked() {
        Caller caller = Api.at(port).newWorkspace();
        String from = "news-" + tag + "@example.org";
        JsonNode toFrom = sentMessage(caller, Map.of("from", Map.of("email", from), "trackReplies", true));
        String replyAddress = header(toFrom, "Reply-To");
        deliver(replyAddress, reply(replyAddress, header(toFrom, "Message-ID")));
        assertThat(inboxMessage(caller, from).path("subject").asString()).isEqualTo("Re: Our news");

        String looping = "reader2-" + tag + "@example.org";
        JsonNode toCrier = sentMessage(caller, Map.of("replyTo", "desk@replies.crier.test", "trackReplies", true),
                looping);
        String loopAddress = header(toCrier, "Reply-To");
        deliver(loopAddress, reply(loopAddress, header(toCrier, "Message-ID")));
        Map<String, Object> parked = Eventually.await("the forward to be parked", WAIT,
                () -> forwardRow(loopAddress), row -> row.get("state").equals("parked"));
        assertThat((String) parked.get("reason")).contains("an address of Crier's own");
    }

    /** The campaign's message to the reader (or {@code to}), sent with these settings. */
    private JsonNode sentMessage(Caller caller, Map<String, Object> settings, String... to) {
        String recipient = to.length == 0 ? reader : to[0];
        String campaign = Audiences.campaign(caller, settings, Audiences.list(caller, List.of(recipient)));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        return inboxMessage(caller, recipient);
    }

    /** A person's reply: 8-bit UTF-8, as mail programs send it today. */
    private byte[] reply(String replyAddress, String messageId) {
        return ("""
                From: Carol Reader <%s>
                To: %s
                Subject: Re: Our news
                Date: Mon, 30 Nov 2026 10:12:00 +0000
                Message-ID: <%s@mail.example.org>
                In-Reply-To: %s
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="r1"

                --r1
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: 8bit

                Gern! Können wir am Donnerstag sprechen?

                Carol

                --r1
                Content-Type: text/html; charset="UTF-8"
                Content-Transfer-Encoding: 8bit

                <div>Gern! Können wir am Donnerstag sprechen?</div>

                --r1--
                """).formatted(reader, replyAddress, UUID.randomUUID(), messageId)
                .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(String recipient, byte[] message) {
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            assertThat(smtp.send("", message, recipient)).startsWith("250");
        }
    }

    private long forwardCount(String replyAddress) {
        return jdbc.sql("select count(*) from reply_forward where forwarded_for = :address")
                .param("address", replyAddress).query(Long.class).single();
    }

    private Map<String, Object> forwardRow(String replyAddress) {
        return jdbc.sql("select state, recipient, reason from reply_forward where forwarded_for = :address")
                .param("address", replyAddress)
                .query((rs, row) -> Map.<String, Object>of("state", rs.getString("state"),
                        "recipient", rs.getString("recipient"), "reason", String.valueOf(rs.getString("reason"))))
                .optional().orElse(Map.of("state", "none"));
    }

    private static String header(JsonNode message, String name) {
        return message.path("headers").path(name).get(0).asString();
    }

    private static List<JsonNode> inbox(Caller caller, String email) {
        return caller.get("/v1/dev/inbox").expect(200).data().path("messages").valueStream()
                .filter(m -> m.path("to").get(0).asString().equals(email)).toList();
    }

    /** The captured message sent to {@code email}, whole. */
    private static JsonNode inboxMessage(Caller caller, String email) {
        JsonNode summary = Eventually.await("mail to " + email + " in the dev inbox", WAIT,
                () -> inbox(caller, email), found -> !found.isEmpty()).getFirst();
        return caller.get("/v1/dev/inbox/" + summary.path("id").asLong()).expect(200).data();
    }
}
