package io.crier.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryReferences;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;

/**
 * The inbound SMTP listener over real SMTP on loopback (with the capture relay it runs there by
 * default): it takes mail only for Crier's own addresses, refuses everything else at RCPT TO,
 * queues each message before 250, and holds to its limits.
 */
@CrierApiTest
class InboundSmtpTest {

    @LocalServerPort
    int httpPort;
    @Autowired
    InboundSmtpServer listener;
    @Autowired
    DeliveryReferences references;
    @Autowired
    JdbcClient jdbc;

    @Test
    void takesCriersOwnAddressesAndPostmasterOnly() {
        String token = references.returnPath(12, "bounces.crier.test");
        String tampered = token.substring(0, 5) + (token.charAt(5) == 'a' ? 'b' : 'a') + token.substring(6);
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            assertThat(smtp.greeting()).startsWith("220");
            List<String> replies = smtp.envelope("",
                    token,
                    references.replyAddress(12, "replies.crier.test"),
                    references.unsubscribeAddress(12, "bounces.crier.test"),
                    "postmaster@bounces.crier.test",
                    "someone@gmail.example",
                    token.replace("bounces.crier.test", "elsewhere.example"),
                    tampered,
                    "b-00@bounces.crier.test",
                    references.messageId(12, "bounces.crier.test").replaceAll("[<>]", ""),
                    "anyone@replies.crier.test",
                    "no-at-sign");

            assertThat(replies.subList(0, 4)).allSatisfy(reply -> assertThat(reply).startsWith("250"));
            assertThat(replies.subList(4, replies.size())).allSatisfy(reply -> assertThat(reply).startsWith("550"));
            assertThat(replies.get(4)).contains("Relaying denied");
        }
    }

    @Test
    void takesBouncesForEachSendingDomainsReturnPathDomain() {
        Caller caller = Api.at(httpPort).newWorkspace();
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        caller.post("/v1/domains", Map.of("domain", domain)).expect(201);

        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            List<String> replies = smtp.envelope("", references.returnPath(5, "bounces." + domain),
                    references.returnPath(5, "bounces.unclaimed-" + domain), references.returnPath(5, domain));

            assertThat(replies.get(0)).startsWith("250");
            assertThat(replies.subList(1, 3)).allSatisfy(reply -> assertThat(reply).startsWith("550"));
        }
    }

    @Test
    void aMessageIsQueuedBeforeTheClientHears250AndOnlyOnce() {
        String messageId = "<" + UUID.randomUUID() + "@mx.example>";
        byte[] message = ("Message-ID: " + messageId + "\r\nFrom: MAILER-DAEMON@mx.example\r\nSubject: hi\r\n\r\n"
                + ".a line that starts with a dot\r\n").getBytes(StandardCharsets.US_ASCII);
        String recipient = references.returnPath(77, "bounces.crier.test");

        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            assertThat(smtp.send("", message, recipient)).startsWith("250");
            assertThat(queued(messageId)).isEqualTo(1);
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.send("", message, recipient)).startsWith("250");
        }
        assertThat(queued(messageId)).isEqualTo(1);
        assertThat(jdbc.sql("select envelope_recipients from inbound_message where message_id = :id")
                .param("id", messageId).query(String.class).single()).isEqualTo(recipient);
        assertThat(new String(jdbc.sql("select raw from inbound_message where message_id = :id").param("id", messageId)
                .query(byte[].class).single(), StandardCharsets.US_ASCII))
                .startsWith("Received: from tester.example").endsWith(new String(message, StandardCharsets.US_ASCII));
    }

    @Test
    void aFiftyMegabyteMessageIsRefusedWith552AndNothingIsQueued() {
        String messageId = "<" + UUID.randomUUID() + "@mx.example>";
        byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            smtp.envelope("", "postmaster@bounces.crier.test");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.write(("Message-ID: " + messageId + "\r\nSubject: big\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, chunk, i * line.length, line.length);
            }
            try {
                for (int written = 0; written < 50 * 1024 * 1024; written += chunk.length) {
                    smtp.write(chunk);
                }
                smtp.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (UncheckedIOException closedEarly) {
                // The listener may answer and hang up before the client has written it all.
            }

            assertThat(smtp.reply()).startsWith("552");
        }
        assertThat(queued(messageId)).isZero();
    }

    @Test
    void aMessageForMoreRecipientsThanTheLimitIsTold452() {
        String[] recipients = new String[11];
        Arrays.setAll(recipients, i -> references.returnPath(1000 + i, "bounces.crier.test"));
        try (SmtpClient smtp = new SmtpClient(listener.port())) {
            List<String> replies = smtp.envelope("", recipients);

            assertThat(replies.subList(0, 10)).allSatisfy(reply -> assertThat(reply).startsWith("250"));
            assertThat(replies.get(10)).startsWith("452");
        }
    }

    @Test
    void aFloodOfConnectionsFromOneAddressIsTurnedAwayBeyondTheLimit() {
        List<SmtpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(new SmtpClient(listener.port()));
            }
            assertThat(open).allSatisfy(smtp -> assertThat(smtp.greeting()).startsWith("220"));
            try (SmtpClient sixth = new SmtpClient(listener.port())) {
                assertThat(sixth.greeting()).startsWith("421");
            }
        } finally {
            open.forEach(SmtpClient::close);
        }
        try (SmtpClient afterwards = new SmtpClient(listener.port())) {
            assertThat(afterwards.greeting()).startsWith("220");
        }
    }

    private long queued(String messageId) {
        return jdbc.sql("select count(*) from inbound_message where message_id = :id").param("id", messageId)
                .query(Long.class).single();
    }
}
