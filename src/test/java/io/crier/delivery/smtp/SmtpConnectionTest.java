package io.crier.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.content.MessageContent;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.delivery.capture.CaptureProperties;
import io.crier.delivery.capture.CaptureSmtpServer;
import io.crier.delivery.capture.CapturedMail;
import io.crier.delivery.capture.DevInbox;
import io.crier.delivery.capture.MailAttribution;
import io.crier.delivery.fence.CampaignGate;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.StartTlsSmtpServer;

class SmtpConnectionTest {

    final DevInbox inbox = new DevInbox(new CaptureProperties(0, 10));
    final MailAttribution attribution = new MailAttribution();
    final CaptureSmtpServer server = new CaptureSmtpServer(new CaptureProperties(0, 10), inbox, attribution,
            Clock.systemUTC(), event -> {
            });
    SmtpConnection connection;

    @BeforeEach
    void start() {
        server.start();
        RelaySettings relay = new RelaySettings("capture", "127.0.0.1", server.port(), null, null, SmtpSecurity.NONE,
                null, 1, null);
        connection = new SmtpConnection(SmtpSessions.forRelay(relay, 5_000, "crier.test"), relay);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.stop();
    }

    @Test
    void rendersAndSendsAPersonalizedMessageOverOneReusedConnection() throws Exception {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@example.com", "Crier Néws",
                "reply@example.com", "Hello {{ firstName | default(\"there\") }} — ünïcode",
                null, "<p>Hi {{ firstName }} from {{ company }}</p>", "Hi {{ firstName }}\nfrom {{ company }}"));
        UUID workspace = UUID.randomUUID();
        CampaignGate gate = new CampaignGate(() -> false);
        for (String name : new String[] {"Zoë <b>", ""}) {
            String messageId = "<" + UUID.randomUUID() + "@example.com>";
            attribution.remember(messageId, workspace);
            byte[] bytes = template.render(new Recipient("ann@example.org", name, "Doe", null,
                    Map.of("company", "ACME & Co")), messageId, Instant.parse("2026-11-22T10:00:00Z"));
            assertThat(connection.send(bytes, "bounces@example.com", "ann@example.org", gate).kind())
                    .isEqualTo(SendOutcome.Kind.SENT);
        }

        assertThat(inbox.list(workspace)).hasSize(2);
        CapturedMail first = inbox.list(workspace).get(1);
        assertThat(first.envelopeFrom()).isEqualTo("bounces@example.com");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(first.raw()));
        assertThat(parsed.getSubject()).isEqualTo("Hello Zoë <b> — ünïcode");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Crier Néws");
        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hi Zoë <b>\r\nfrom ACME & Co");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Hi Zoë &lt;b&gt; from ACME &amp; Co");
        MimeMessage second = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(inbox.list(workspace).get(0).raw()));
        assertThat(second.getSubject()).startsWith("Hello there");
    }

    /** DATA ends at a line of one "."; the client doubles a line's leading dot and the server takes it off. */
    @Test
    void bodyLinesStartingWithADotArriveIntact() {
        UUID workspace = UUID.randomUUID();
        String messageId = "<" + UUID.randomUUID() + "@example.com>";
        attribution.remember(messageId, workspace);
        String message = "Message-ID: " + messageId + "\r\nSubject: dots\r\n\r\n"
                + ".\r\n.leading dot\r\n..two dots\r\n. \r\nnot .here\r\n.\r\n";

        SendOutcome outcome = connection.send(message.getBytes(StandardCharsets.US_ASCII), "a@example.com",
                "b@example.com", new CampaignGate(() -> false));

        assertThat(outcome.kind()).as(outcome.reply()).isEqualTo(SendOutcome.Kind.SENT);
        assertThat(capturedText(workspace)).endsWith("\r\n" + message);
    }

    /** A message with bare line breaks still goes out well formed: Angus ends every line in CRLF. */
    @Test
    void bareLineBreaksArriveAsCrlf() {
        UUID workspace = UUID.randomUUID();
        String messageId = "<" + UUID.randomUUID() + "@example.com>";
        attribution.remember(messageId, workspace);
        String headers = "Message-ID: " + messageId + "\r\nSubject: bare\r\n\r\n";
        byte[] message = (headers + "one\ntwo\r.three\n.").getBytes(StandardCharsets.US_ASCII);

        SendOutcome outcome = connection.send(message, "a@example.com", "b@example.com", new CampaignGate(() -> false));

        assertThat(outcome.kind()).as(outcome.reply()).isEqualTo(SendOutcome.Kind.SENT);
        assertThat(capturedText(workspace)).endsWith("\r\n" + headers + "one\r\ntwo\r\n.three\r\n.\r\n");
    }

    @Test
    void theCaptureServerRefusesAMessageLargerThanItKeeps() {
        UUID workspace = UUID.randomUUID();
        String messageId = "<" + UUID.randomUUID() + "@example.com>";
        attribution.remember(messageId, workspace);
        String line = "x".repeat(998) + "\r\n";
        byte[] huge = ("Message-ID: " + messageId + "\r\nSubject: huge\r\n\r\n"
                + line.repeat(CaptureSmtpServer.MAX_MESSAGE_BYTES / line.length() + 1)).getBytes();

        SendOutcome outcome = connection.send(huge, "a@example.com", "b@example.com", new CampaignGate(() -> false));

        // SubEthaSMTP stops reading at the limit and answers 421: the message is refused, never kept.
        assertThat(outcome.kind()).as(outcome.reply()).isNotEqualTo(SendOutcome.Kind.SENT);
        assertThat(inbox.list(workspace)).isEmpty();
    }

    @Test
    void aWriteTheRelayStopsReadingIsCutAfterTheTimeout() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.stallFor(20_000);
            relay.fail("stuck@example.com", ScriptedSmtpServer.Fault.STOP_READING_IN_DATA, 1);
            RelaySettings settings = plainRelay(relay);
            try (SmtpConnection stuck = new SmtpConnection(SmtpSessions.forRelay(settings, 1_000, "crier.test"),
                    settings)) {
                // 24 MB: more than the two sockets' buffers hold on loopback, so a write blocks.
                String line = "x".repeat(998) + "\r\n";
                byte[] large = ("Subject: large\r\n\r\n" + line.repeat(24 * 1024)).getBytes(StandardCharsets.US_ASCII);
                long started = System.nanoTime();

                SendOutcome outcome = stuck.send(large, "a@example.com", "stuck@example.com", null);

                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(outcome.kind()).as(outcome.reply()).isEqualTo(SendOutcome.Kind.DEFERRED);
                assertThat(tookMillis).as("cut about a second after its 1 s timeout, not when the relay reads again")
                        .isLessThan(10_000);
            }
        }
    }

    @Test
    void aClosedGateSendsNothing() {
        CampaignGate gate = new CampaignGate(() -> false);
        gate.close();
        byte[] bytes = plainMessage("<x@example.com>");
        assertThat(connection.send(bytes, "a@example.com", "b@example.com", gate).kind())
                .isEqualTo(SendOutcome.Kind.NOT_STARTED);
        gate.open(0);
        assertThat(connection.send(bytes, "a@example.com", "b@example.com", gate).kind())
                .isEqualTo(SendOutcome.Kind.SENT);
    }

    @Test
    void aRelayOfferingAuthGetsNoLoginWhenNoUserNameIsConfigured() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.offerAuth();
            // Empty strings, as the settings bind CRIER_SMTP_USERNAME and _PASSWORD when they are unset.
            RelaySettings settings = new RelaySettings("plain", "127.0.0.1", relay.port(), "", "", SmtpSecurity.NONE,
                    null, 1, null);
            SmtpConnection plain = new SmtpConnection(SmtpSessions.forRelay(settings, 5_000, "crier.test"), settings);
            byte[] bytes = plainMessage("<y@example.com>");
            try {
                assertThat(plain.send(bytes, "a@example.com", "b@example.com", new CampaignGate(() -> false)).kind())
                        .isEqualTo(SendOutcome.Kind.SENT);
            } finally {
                plain.close();
            }
            assertThat(relay.received()).extracting(ScriptedSmtpServer.Received::recipient)
                    .containsExactly("b@example.com");
        }
    }

    /** Security none is opportunistic: a relay that takes mail over TLS only gets it, self-signed certificate and all. */
    @Test
    void withSecurityNoneARelayOfferingStartTlsGetsTheMessageOverTls() {
        try (StartTlsSmtpServer relay = new StartTlsSmtpServer(0)) {
            RelaySettings settings = new RelaySettings("offers-tls", "127.0.0.1", relay.port(), null, null,
                    SmtpSecurity.NONE, null, 1, null);
            SmtpConnection opportunistic = new SmtpConnection(SmtpSessions.forRelay(settings, 5_000, "crier.test"),
                    settings);
            try {
                SendOutcome outcome = opportunistic.send(plainMessage("<tls@example.com>"), "a@example.com",
                        "b@example.com", new CampaignGate(() -> false));
                assertThat(outcome.kind()).as(outcome.reply()).isEqualTo(SendOutcome.Kind.SENT);
            } finally {
                opportunistic.close();
            }
            assertThat(relay.recipients()).containsExactly("b@example.com");
        }
    }

    /** A sender's session reads replies under a deadline, over STARTTLS too. */
    @Test
    void aSendersSessionSendsOverStartTlsOnAVirtualThread() throws Exception {
        try (StartTlsSmtpServer relay = new StartTlsSmtpServer(0)) {
            RelaySettings settings = new RelaySettings("offers-tls", "127.0.0.1", relay.port(), null, null,
                    SmtpSecurity.STARTTLS, null, 1, "*");
            SendOutcome outcome = onVirtualThread(() -> {
                try (SmtpConnection sender = new SmtpConnection(
                        SmtpSessions.forSenders(settings, 5_000, "crier.test"), settings)) {
                    return sender.send(plainMessage("<tls-sender@example.com>"), "a@example.com", "b@example.com", null);
                }
            });
            assertThat(outcome.kind()).as(outcome.reply()).isEqualTo(SendOutcome.Kind.SENT);
            assertThat(relay.recipients()).containsExactly("b@example.com");
        }
    }

    @Test
    void aSendersReplyDeadlineCutsARelayThatStopsAnsweringAndTheConnectionGoesOn() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.stallFor(20_000);
            relay.fail("stalled@example.com", ScriptedSmtpServer.Fault.STALL, 1);
            RelaySettings settings = plainRelay(relay);
            long started = System.nanoTime();

            AfterTheStall sent = onVirtualThread(() -> {
                try (SmtpConnection sender = new SmtpConnection(
                        SmtpSessions.forSenders(settings, 1_000, "crier.test"), settings)) {
                    return new AfterTheStall(
                            sender.send(plainMessage("<stalled@example.com>"), "a@example.com", "stalled@example.com",
                                    null),
                            Thread.currentThread().isInterrupted(),
                            sender.send(plainMessage("<next@example.com>"), "a@example.com", "next@example.com", null));
                }
            });

            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(sent.stalled().kind()).as(sent.stalled().reply()).isEqualTo(SendOutcome.Kind.DEFERRED);
            assertThat(sent.stalled().error()).isEqualTo(RelayError.TIMEOUT);
            assertThat(sent.interruptedAfter()).as("no interrupt outlives the read it was for").isFalse();
            assertThat(sent.next().kind()).as(sent.next().reply()).isEqualTo(SendOutcome.Kind.SENT);
            assertThat(tookMillis).as("cut about a second after its 1 s timeout, not after the relay's 20 s")
                    .isLessThan(10_000);
            assertThat(relay.received()).extracting(ScriptedSmtpServer.Received::recipient)
                    .containsExactly("next@example.com");
        }
    }

    private static RelaySettings plainRelay(ScriptedSmtpServer relay) {
        return new RelaySettings("scripted", "127.0.0.1", relay.port(), null, null, SmtpSecurity.NONE, null, 1, null);
    }

    private record AfterTheStall(SendOutcome stalled, boolean interruptedAfter, SendOutcome next) {
    }

    private static <T> T onVirtualThread(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().name("test-sender").start(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedLoginDefersTheMessageAsAnAuthError() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.offerAuth();
            RelaySettings settings = new RelaySettings("login", "127.0.0.1", relay.port(), "crier", "wrong",
                    SmtpSecurity.NONE, null, 1, null);
            SmtpConnection login = new SmtpConnection(SmtpSessions.forRelay(settings, 5_000, "crier.test"), settings);
            try {
                SendOutcome outcome = login.send(plainMessage("<z@example.com>"), "a@example.com", "b@example.com",
                        new CampaignGate(() -> false));
                assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.DEFERRED);
                assertThat(outcome.error()).isEqualTo(RelayError.AUTH);
                assertThat(outcome.reply()).contains("535");
            } finally {
                login.close();
            }
            assertThat(relay.received()).isEmpty();
        }
    }

    /** The one message the capture server kept for the workspace, after the Received field it adds. */
    private String capturedText(UUID workspace) {
        assertThat(inbox.list(workspace)).hasSize(1);
        return new String(inbox.list(workspace).getFirst().raw(), StandardCharsets.US_ASCII);
    }

    private static byte[] plainMessage(String messageId) {
        return MessageTemplate.compile(new MessageContent("a@example.com", null, null, "s", null, null, "t"))
                .render(new Recipient("b@example.com", null, null, null, null), messageId, Instant.now());
    }
}
