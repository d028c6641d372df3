package io.crier.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crier.delivery.fence.CampaignGate;
import io.crier.support.StartTlsSmtpServer;

/**
 * PIPELINING (RFC 2920) against a relay that offers it and answers MAIL FROM and RCPT TO only
 * after DATA (so a client that did not pipeline would stall): a message's MAIL FROM, RCPT TO and
 * DATA leave in one write, and every refusal comes out as it does without pipelining, with the
 * replies still paired with their commands, so the same connection sends the next message. Over
 * STARTTLS as well.
 */
class PipeliningTest {

    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> GROUP = List.of("MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>", "DATA");

    private final PipeliningRelay relay = start();
    private final SmtpConnection connection = connectionTo(relay);

    @AfterEach
    void stop() throws Exception {
        connection.close();
        relay.close();
    }

    @Test
    void eachMessagesMailFromRcptToAndDataLeaveInOneWrite() {
        assertThat(send().kind()).isEqualTo(SendOutcome.Kind.SENT);
        assertThat(send().kind()).isEqualTo(SendOutcome.Kind.SENT);

        assertThat(relay.reads()).filteredOn(read -> read.getFirst().startsWith("MAIL")).containsExactly(GROUP, GROUP);
        assertThat(relay.messages()).isEqualTo(2);
        assertThat(relay.connections()).isOne();
    }

    @Test
    void aRefusedRecipientBouncesWithItsReplyAndTheConnectionSendsTheNextMessage() {
        refusedThenSent(relay::answerRcptTo, "550 5.1.1 No such user", "250 2.1.5 Ok", SendOutcome.Kind.BOUNCED);
    }

    @Test
    void aSenderRefusedForNowIsDeferredAndTheConnectionSendsTheNextMessage() {
        refusedThenSent(relay::answerMailFrom, "451 4.3.0 Try again later", "250 2.1.0 Ok", SendOutcome.Kind.DEFERRED);
    }

    /** One message refused through {@code answer}, as it would be without pipelining; the next sent on the same connection. */
    private void refusedThenSent(Consumer<String> answer, String refusal, String acceptance, SendOutcome.Kind kind) {
        answer.accept(refusal);
        SendOutcome refused = send();
        answer.accept(acceptance);

        assertThat(refused.kind()).isEqualTo(kind);
        assertThat(refused.reply()).contains(refusal);
        assertThat(send().kind()).isEqualTo(SendOutcome.Kind.SENT);
        assertThat(relay.messages()).isOne();
        assertThat(relay.connections()).isOne();
    }

    @Test
    void aDataTheRelayTakesAfterRefusingTheRecipientCostsTheConnectionNotAnEmptyMessage() {
        relay.answerRcptTo("550 5.1.1 No such user");
        relay.answerDataAfterRefusal("354 Go ahead");
        SendOutcome refused = send();
        relay.answerRcptTo("250 2.1.5 Ok");

        assertThat(refused.kind()).isEqualTo(SendOutcome.Kind.BOUNCED);
        assertThat(refused.reply()).contains("550 5.1.1 No such user");
        assertThat(relay.messages()).as("no dot ended the DATA the relay took").isZero();
        assertThat(send().kind()).isEqualTo(SendOutcome.Kind.SENT);
        assertThat(relay.messages()).isOne();
        assertThat(relay.connections()).as("the connection in DATA was given up").isEqualTo(2);
    }

    @Test
    void overStartTlsMessagesArePipelinedAndARefusalKeepsTheRepliesPaired() throws Exception {
        try (PipeliningRelay tlsRelay = new PipeliningRelay(StartTlsSmtpServer.tls())) {
            RelaySettings settings = new RelaySettings("pipelining-tls", "127.0.0.1", tlsRelay.port(), null, null,
                    SmtpSecurity.STARTTLS, null, 1, "*");
            try (SmtpConnection overTls = new SmtpConnection(SmtpSessions.forRelay(settings, 5_000, "crier.test"),
                    settings)) {
                assertThat(send(overTls).kind()).isEqualTo(SendOutcome.Kind.SENT);
                tlsRelay.answerRcptTo("550 5.1.1 No such user");
                assertThat(send(overTls).kind()).isEqualTo(SendOutcome.Kind.BOUNCED);
                tlsRelay.answerRcptTo("250 2.1.5 Ok");
                assertThat(send(overTls).kind()).isEqualTo(SendOutcome.Kind.SENT);
            }
            assertThat(tlsRelay.messages()).isEqualTo(2);
            assertThat(tlsRelay.connections()).isOne();
        }
    }

    private SendOutcome send() {
        return send(connection);
    }

    private static SendOutcome send(SmtpConnection through) {
        return through.send(MESSAGE, "a@example.com", "b@example.com", new CampaignGate(() -> false));
    }

    private static PipeliningRelay start() {
        try {
            return new PipeliningRelay();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SmtpConnection connectionTo(PipeliningRelay relay) {
        RelaySettings settings = new RelaySettings("pipelining", "127.0.0.1", relay.port(), null, null,
                SmtpSecurity.NONE, null, 1, null);
        return new SmtpConnection(SmtpSessions.forRelay(settings, 5_000, "crier.test"), settings);
    }
}
