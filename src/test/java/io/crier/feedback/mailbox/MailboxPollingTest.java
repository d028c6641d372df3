package io.crier.feedback.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.crier.delivery.DeliveryReferences;
import io.crier.shared.Timestamps;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.InboundOutage;

import tools.jackson.databind.JsonNode;

/**
 * The poller against real IMAP and POP3 servers (GreenMail, on loopback): what a mailbox holds
 * reaches the inbound queue and only then leaves the mailbox, a batch at a time (what the queue
 * cannot take stays); a server that
 * refuses the login is shown in the mailbox's polling state and waited out, doubling, on the
 * test clock. End to end, a polled DSN bounces its delivery and a polled reply stops a Leadterra
 * sequence. Each test first moves the clock a day ahead: on PostgreSQL other test contexts share
 * the database on the real clock, so only this context's node finds this test's mailboxes due.
 */
class MailboxPollingTest extends ClockedEngineCase {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP, ServerSetupTest.POP3,
                    ServerSetupTest.IMAPS}))
            .withPerMethodLifecycle(false);

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailboxPoller poller;

    @Autowired
    MailboxProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    InboundOutage outage;

    @Autowired
    DeliveryReferences references;

    String login;
    GreenMailUser user;

    @BeforeEach
    void aDayAheadWithAMailboxOfItsOwn() {
        clock.advance(Duration.ofDays(1));
        login = "bounces-" + tag + "@mail.example";
        user = greenMail.setUser(login, login, "right-password");
    }

    @Test
    void imapMessagesReachTheInboundQueueAndThenLeaveTheMailbox() throws Exception {
        deliver(bounce("first"));
        deliver(bounce("second"));
        deliver(bounce("third"));

        String id = mailbox("imap", greenMail.getImap().getPort(), "right-password");

        awaitTaken(id, 3);
        assertThat(inMailbox()).isZero();
        List<Queued> queued = queued();
        assertThat(queued).hasSize(3).allSatisfy(row -> {
            assertThat(row.channel()).isEqualTo("IMAP");
            assertThat(row.envelopeRecipients()).contains("b-token-" + tag + "@bounces.example")
                    .contains("original-" + tag + "@bounces.example");
        });
        JsonNode polling = caller.get("/v1/mailboxes/" + id).expect(200).data().path("polling");
        assertThat(polling.path("lastError").isNull()).isTrue();
        assertThat(polling.path("failures").asInt()).isZero();
        assertThat(Instant.parse(polling.path("nextPollAt").asString()))
                .isEqualTo(Instant.parse(polling.path("lastPollAt").asString()).plus(properties.pollInterval()));
    }

    @Test
    void messagesTheQueueCannotTakeStayInTheMailboxUntilItCan() throws Exception {
        UUID workspace = UUID.fromString(caller.workspaceId());
        deliver(bounce("first"));
        deliver(bounce("second"));
        String id;
        outage.begin(workspace);
        try {
            id = mailbox("imap", greenMail.getImap().getPort(), "right-password");
            JsonNode polling = awaitPolling(id, p -> p.path("failures").asInt() == 1);
            assertThat(polling.path("lastError").asString()).contains("inbound queue is down");
            assertThat(polling.path("fetched").asInt()).isZero();
            assertThat(inMailbox()).isEqualTo(2);
            assertThat(queued()).isEmpty();
        } finally {
            outage.end(workspace);
        }

        clock.advance(properties.pollInterval());
        awaitTaken(id, 2);
        assertThat(inMailbox()).isZero();
        assertThat(queued()).hasSize(2);
    }

    /**
     * Issue 15's loop through IMAP: a campaign sent through a relay that accepts everything, then a
     * standard DSN for one recipient, delivered to the mailbox at the message's return path, makes
     * that delivery bounced, suppresses the address and raises metrics.bounced.
     */
    @Test
    void aPolledDsnBouncesItsDeliverySuppressesTheAddressAndCountsIt() throws Exception {
        List<String> emails = addresses("dsn", 2);
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        awaitSent(campaign);
        JsonNode delivery = deliveries(campaign, "sent").getFirst();
        long deliveryId = delivery.path("id").asLong();
        String email = delivery.path("email").asString();
        deliver(dsn(references.returnPath(deliveryId, "bounces.mail.example"), email,
                references.messageId(deliveryId, "crier.test")));

        String id = mailbox("imap", greenMail.getImap().getPort(), "right-password");

        JsonNode bounced = Eventually.await("the delivery bounced", WAIT, () -> deliveries(campaign, "bounced"),
                found -> !found.isEmpty()).getFirst();
        assertThat(bounced.path("id").asLong()).isEqualTo(deliveryId);
        assertThat(bounced.path("lastReply").asString()).contains("5.1.1");
        JsonNode metrics = caller.get("/v1/campaigns/" + campaign).expect(200).data().path("metrics");
        assertThat(metrics.path("bounced").asInt()).isEqualTo(1);
        assertThat(metrics.path("sent").asInt()).isEqualTo(1);
        JsonNode suppressed = caller.get("/v1/suppressions?email=" + email).expect(200).data().path("suppressions");
        assertThat(suppressed).hasSize(1);
        assertThat(suppressed.path(0).path("reason").asString()).isEqualTo("bounced");
        // The bounce can be recorded before the poll that took it has closed the mailbox.
        awaitTaken(id, 1);
        assertThat(inMailbox()).isZero();
    }

    /** Through POP3: a reply quoting the Message-ID of a Leadterra step stops that lead's sequence. */
    @Test
    void aPolledReplyStopsThatLeadsLeadterraSequence() throws Exception {
        String campaign = caller.post("/leadterra/v1/campaigns", Map.of("name", "Outbound", "sequenceSteps", List.of(
                Map.of("subject", "First", "bodyHtml", "<p>Hi</p>", "delayDays", 0),
                Map.of("subject", "Second", "bodyHtml", "<p>Bump</p>", "delayDays", 1))))
                .expect(201).json().path("id").asString();
        List<String> leads = addresses("lead", 2);
        caller.post("/leadterra/v1/campaigns/" + campaign + "/leads/bulk", Map.of("leads",
                leads.stream().map(lead -> Map.of("email", lead)).toList())).expect(200);
        caller.post("/leadterra/v1/campaigns/" + campaign + "/start").expect(200);
        long answered = Eventually.await("both first steps sent", WAIT, () -> deliveries(campaign, "sent"),
                sent -> sent.size() == 2).stream().filter(d -> d.path("email").asString().equals(leads.getFirst()))
                .findFirst().orElseThrow().path("id").asLong();
        deliver("""
                Delivered-To: %1$s
                From: Lee Lead <%2$s>
                To: leadterra@crier.test
                Subject: Re: First
                Message-ID: <%3$s@lead.example>
                In-Reply-To: %4$s
                References: %4$s

                Yes, let's talk on Monday.
                """.formatted(login, leads.getFirst(), UUID.randomUUID(), references.messageId(answered, "crier.test"))
                .replace("\n", "\r\n"));

        String id = mailbox("pop3", greenMail.getPop3().getPort(), "right-password");

        JsonNode cancelled = Eventually.await("the lead's next step cancelled", WAIT,
                () -> deliveries(campaign, "cancelled"), found -> !found.isEmpty()).getFirst();
        assertThat(cancelled.path("email").asString()).isEqualTo(leads.getFirst());
        assertThat(cancelled.path("lastReply").asString()).isEqualTo("replied");
        assertThat(caller.get("/leadterra/v1/campaigns/" + campaign + "/stats").expect(200).json().path("replied")
                .asInt()).isEqualTo(1);
        awaitTaken(id, 1);
        assertThat(inMailbox()).isZero();
    }

    @Test
    void pop3MessagesReachTheInboundQueueAndThenLeaveTheMailbox() throws Exception {
        deliver(bounce("first"));
        deliver(bounce("second"));

        String id = mailbox("pop3", greenMail.getPop3().getPort(), "right-password");

        awaitTaken(id, 2);
        assertThat(inMailbox()).isZero();
        assertThat(queued()).hasSize(2).allSatisfy(row -> assertThat(row.channel()).isEqualTo("POP3"));
    }

    @Test
    void aFullBatchIsFollowedByTheNextPollAtOnce() throws Exception {
        int messages = properties.batchSize() * 2 + 1;
        for (int i = 0; i < messages; i++) {
            deliver(bounce("message " + i));
        }

        String id = mailbox("imap", greenMail.getImap().getPort(), "right-password");

        awaitTaken(id, messages);
        assertThat(inMailbox()).isZero();
        assertThat(queued()).hasSize(messages);
    }

    @Test
    void aRefusedLoginIsShownAndWaitedOutDoublingUntilTheSettingsAreFixed() throws Exception {
        deliver(bounce("kept"));
        String id = mailbox("imap", greenMail.getImap().getPort(), "wrong-password");

        JsonNode polling = awaitPolling(id, p -> p.path("failures").asInt() == 1);
        assertThat(polling.path("lastError").asString()).startsWith("login refused for " + login);
        assertThat(between(polling)).isEqualTo(properties.pollInterval());
        poller.pollDue();
        assertThat(pollingOf(id).path("failures").asInt()).as("polled again before it was due").isEqualTo(1);
        assertThat(inMailbox()).isEqualTo(1);
        assertThat(queued()).isEmpty();

        clock.advance(properties.pollInterval());
        polling = awaitPolling(id, p -> p.path("failures").asInt() == 2);
        assertThat(between(polling)).isEqualTo(properties.pollInterval().multipliedBy(2));

        caller.patch("/v1/mailboxes/" + id, "{\"password\": \"right-password\"}").expect(200);
        awaitTaken(id, 1);
        polling = pollingOf(id);
        assertThat(polling.path("lastError").isNull()).isTrue();
        assertThat(polling.path("failures").asInt()).isZero();
        assertThat(inMailbox()).isZero();
    }

    /**
     * One poller per mailbox across nodes: a mailbox another node holds a lease on is not polled
     * until the lease runs out, and one another node is claiming this moment (its row locked) is
     * skipped, not waited for.
     */
    @Test
    void aMailboxAnotherNodeHoldsIsLeftToIt() throws Exception {
        String id = mailbox("imap", greenMail.getImap().getPort(), "right-password");
        String firstPoll = awaitPolling(id, p -> !p.path("lastPollAt").isNull()).path("lastPollAt").asString();
        deliver(bounce("held"));
        jdbc.sql("update mailbox set poll_owner = :owner, poll_until = :until where id = :id")
                .param("owner", UUID.randomUUID())
                .param("until", Timestamps.toDb(clock.instant().plus(properties.pollInterval().multipliedBy(3))))
                .param("id", UUID.fromString(id))
                .update();

        clock.advance(properties.pollInterval().multipliedBy(2));
        poller.pollDue();
        assertThat(pollingOf(id).path("lastPollAt").asString()).as("polled under another node's lease")
                .isEqualTo(firstPoll);
        assertThat(inMailbox()).isEqualTo(1);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            jdbc.sql("select id from mailbox where id = :id for update").param("id", UUID.fromString(id))
                    .query(UUID.class).single();
            locked.countDown();
            awaitQuietly(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        clock.advance(properties.pollInterval().multipliedBy(2));
        poller.pollDue();
        assertThat(pollingOf(id).path("lastPollAt").asString()).as("polled while another node claims it")
                .isEqualTo(firstPoll);
        release.countDown();
        otherNode.get(10, TimeUnit.SECONDS);

        awaitTaken(id, 1);
        assertThat(inMailbox()).isZero();
    }

    /**
     * IMAPS with GreenMail's self-signed certificate: the JDK's trust store refuses it, so does
     * another certificate named as the mailbox's; the server's own, taken as an operator would
     * (openssl s_client) and named as {@code tlsCertificate}, is trusted and the mailbox polled.
     */
    @Test
    void aMailboxOverTlsTrustsTheJdksStoreOrTheOneCertificateItNames() throws Exception {
        deliver(bounce("over tls"));
        int port = greenMail.getImaps().getPort();
        String id = caller.post("/v1/mailboxes", """
                {"protocol": "imap", "host": "127.0.0.1", "port": %d, "security": "ssl", "username": "%s",
                 "password": "right-password"}""".formatted(port, login)).expect(201).data().path("id").asString();

        JsonNode untrusted = caller.post("/v1/mailboxes/" + id + "/test").expect(200).data();
        assertThat(untrusted.path("ok").asBoolean()).isFalse();
        assertThat(untrusted.path("reason").asString()).startsWith("could not connect to 127.0.0.1:" + port)
                .contains("PKIX");
        caller.patch("/v1/mailboxes/" + id, Map.of("tlsCertificate", pem(otherCertificate()))).expect(200);
        assertThat(caller.post("/v1/mailboxes/" + id + "/test").expect(200).data().path("ok").asBoolean()).isFalse();
        assertThat(inMailbox()).isEqualTo(1);

        String serverCertificate = pem(presentedBy(port));
        JsonNode trusting = caller.patch("/v1/mailboxes/" + id, Map.of("tlsCertificate", serverCertificate))
                .expect(200).data();
        assertThat(trusting.path("tlsCertificate").asString()).isEqualTo(serverCertificate);
        assertThat(caller.post("/v1/mailboxes/" + id + "/test").expect(200).data().path("ok").asBoolean()).isTrue();
        // A poll with the settings before may still end after the update, failing, and put the next poll a
        // poll interval off: the clock is moved on until one with the server's certificate has taken the message.
        Eventually.await("the mailbox polled over TLS", WAIT, () -> {
            JsonNode polling = pollingOf(id);
            if (!polling.path("lastError").isNull()) {
                clock.advance(properties.pollInterval());
            }
            return polling;
        }, polling -> polling.path("fetched").asInt() == 1 && polling.path("lastError").isNull());
        assertThat(inMailbox()).isZero();

        caller.patch("/v1/mailboxes/" + id, Map.of("tlsCertificate", "-----BEGIN CERTIFICATE-----\nnot one\n"))
                .expectInvalidField("tlsCertificate");
        caller.patch("/v1/mailboxes/" + id, Map.of("security", "none")).expectInvalidField("tlsCertificate");
    }

    /** The certificate a TLS server presents, taken without trusting it. */
    private static X509Certificate presentedBy(int port) throws Exception {
        SSLContext trustingAll = SSLContext.getInstance("TLS");
        trustingAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustingAll.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** The test relay's self-signed certificate (src/test/resources/tls/relay.p12): not the mail server's. */
    private static X509Certificate otherCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = MailboxPollingTest.class.getResourceAsStream("/tls/relay.p12")) {
            store.load(in, "crier-test".toCharArray());
        }
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void anUnreachableServerIsShownAsSuch() {
        String id = mailbox("pop3", closedPort(), "right-password");

        JsonNode polling = awaitPolling(id, p -> p.path("failures").asInt() == 1);
        assertThat(polling.path("lastError").asString()).startsWith("could not connect to 127.0.0.1:");
    }

    @Test
    void theTestCallLogsInAndSaysWhyNot() {
        String right = mailbox("imap", greenMail.getImap().getPort(), "right-password");
        String wrong = mailbox("pop3", greenMail.getPop3().getPort(), "wrong-password");

        assertThat(caller.post("/v1/mailboxes/" + right + "/test").expect(200).data().path("ok").asBoolean()).isTrue();
        JsonNode refused = caller.post("/v1/mailboxes/" + wrong + "/test").expect(200).data();
        assertThat(refused.path("ok").asBoolean()).isFalse();
        assertThat(refused.path("reason").asString()).startsWith("login refused for " + login);
        assertThat(refused.toString()).doesNotContain("wrong-password");
        String missing = caller.post("/v1/mailboxes", """
                {"protocol": "imap", "host": "127.0.0.1", "port": %d, "security": "none", "username": "%s",
                 "password": "right-password", "folder": "Missing"}""".formatted(greenMail.getImap().getPort(), login))
                .expect(201).data().path("id").asString();
        assertThat(caller.post("/v1/mailboxes/" + missing + "/test").expect(200).data().path("reason").asString())
                .isEqualTo("folder Missing does not exist");
    }

    private String mailbox(String protocol, int port, String password) {
        return caller.post("/v1/mailboxes", """
                {"protocol": "%s", "host": "127.0.0.1", "port": %d, "security": "none", "username": "%s",
                 "password": "%s"}""".formatted(protocol, port, login, password)).expect(201).data().path("id")
                .asString();
    }

    private String bounce(String subject) {
        return """
                Delivered-To: b-token-%1$s@bounces.example
                X-Original-To: original-%1$s@bounces.example
                From: MAILER-DAEMON@mx.example
                To: news@sender.example
                Subject: %2$s
                Message-ID: <%3$s@mx.example>

                Your message could not be delivered.
                """.formatted(tag, subject, UUID.randomUUID()).replace("\n", "\r\n");
    }

    /** A Postfix-style RFC 3464 report of a hard bounce, as the recipient's server sends it to the return path. */
    private static String dsn(String returnPath, String recipient, String messageId) {
        return """
                Delivered-To: %1$s
                Return-Path: <>
                From: MAILER-DAEMON@mx.recipient.example (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                Message-ID: <%4$s@mx.recipient.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="report"

                --report
                Content-Type: text/plain; charset=us-ascii

                Your message could not be delivered to <%2$s>.

                --report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.recipient.example

                Final-Recipient: rfc822; %2$s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User unknown

                --report
                Content-Type: text/rfc822-headers

                Return-Path: <%1$s>
                To: %2$s
                Subject: News
                Message-ID: %3$s

                --report--
                """.formatted(returnPath, recipient, messageId, UUID.randomUUID()).replace("\n", "\r\n");
    }

    /**
     * Waits for the campaign to be sent, moving the clock past the retry of a delivery deferred on
     * the way (on a loaded machine the context's first render can overrun its time limit).
     */
    private void awaitSent(String campaign) {
        Eventually.await("campaign " + campaign + " sent", WAIT.multipliedBy(3), () -> {
            String status = caller.get("/v1/campaigns/" + campaign).expect(200).data().path("status").asString();
            if (!status.equals("sent") && !deliveries(campaign, "deferred").isEmpty()) {
                clock.advance(Duration.ofMinutes(2));
            }
            return status;
        }, "sent"::equals);
    }

    private List<JsonNode> deliveries(String campaign, String status) {
        JsonNode page = caller.get("/v1/campaigns/" + campaign + "/deliveries?status=" + status + "&limit=100")
                .expect(200).data().path("deliveries");
        return StreamSupport.stream(page.spliterator(), false).toList();
    }

    private void deliver(String raw) throws MessagingException {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
    }

    private long inMailbox() {
        return greenMail.findReceivedMessages(u -> u.getLogin().equals(login), m -> true).count();
    }

    private record Queued(String channel, String envelopeRecipients) {
    }

    private List<Queued> queued() {
        return jdbc.sql("select channel, envelope_recipients from inbound_message where workspace_id = :workspaceId")
                .param("workspaceId", UUID.fromString(caller.workspaceId()))
                .query((rs, row) -> new Queued(rs.getString(1), rs.getString(2)))
                .list();
    }

    private void awaitTaken(String id, int count) {
        awaitPolling(id, p -> p.path("fetched").asInt() == count && p.path("failures").asInt() == 0);
    }

    private JsonNode awaitPolling(String id, Predicate<JsonNode> done) {
        return Eventually.await("mailbox " + id + " polled", WAIT, () -> pollingOf(id), done);
    }

    private JsonNode pollingOf(String id) {
        return caller.get("/v1/mailboxes/" + id).expect(200).data().path("polling");
    }

    private static Duration between(JsonNode polling) {
        return Duration.between(Instant.parse(polling.path("lastPollAt").asString()),
                Instant.parse(polling.path("nextPollAt").asString()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port nothing listens on: one just given up by a server socket. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
