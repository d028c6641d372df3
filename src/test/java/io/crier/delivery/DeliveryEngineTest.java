package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertySource;

import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.DeliveryReferences.Reference;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * The engine end to end: campaigns sent through a real SMTP conversation with a scripted server
 * on loopback, which can fail recipients in each way a relay does.
 */
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        "crier.smtp.host=127.0.0.1",
        // Tests send from domains they never verify; SendingDomainEnforcementTest checks verification.
        "crier.senders.verify-domains=false",
        "crier.smtp.timeout=1s",
        "crier.delivery.retry-base=50ms",
        "crier.delivery.retry-max=200ms",
        "crier.delivery.max-attempts=3",
        "crier.delivery.idle-poll=20ms"})
class DeliveryEngineTest {

    static final ScriptedSmtpServer SMTP = start();

    @LocalServerPort
    int port;

    @Autowired
    DeliveryReferences references;

    @Autowired
    JdbcClient jdbc;

    Caller caller;
    String tag;

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("crier.smtp.port", SMTP::port);
    }

    @AfterAll
    static void stopServer() throws IOException {
        SMTP.close();
    }

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
        tag = UUID.randomUUID().toString().substring(0, 8);
        SMTP.delayEachMessage(0);
    }

    @Test
    void anImmediateCampaignMailsEveryRecipientOncePersonalizedAndEndsSent() {
        List<String> emails = emails(150);
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));

        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Reply done = awaitStatus(campaign, "sent");

        List<Received> mine = receivedBy(emails);
        assertThat(mine).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(emails);
        Received one = mine.get(0);
        // No bounce domain on a real relay: the From address stays the return path and gets the mailto.
        assertThat(one.envelopeFrom()).isEqualTo("news@crier.test");
        assertThat(one.data()).contains("<mailto:news@crier.test?subject=unsubscribe>");
        long delivery = jdbc.sql("select id from delivery where email = :email").param("email", one.recipient())
                .query(Long.class).single();
        assertThat(references.read(one.header("Message-ID"))).hasValue(new Reference(Kind.MESSAGE_ID, delivery));
        assertThat(one.header("Subject")).startsWith("Hello Reader");
        assertThat(one.data()).contains("this is for " + one.recipient());
        assertThat(mine).extracting(r -> r.header("Message-ID")).doesNotHaveDuplicates();
        assertThat(done.data().path("sentAt").isNull()).isFalse();
        var metrics = done.data().path("metrics");
        assertThat(metrics.path("sent").asInt()).isEqualTo(150);
        assertThat(metrics.path("totalContacts").asInt()).isEqualTo(150);
        assertThat(metrics.path("processedCount").asInt()).isEqualTo(150);
        assertThat(caller.get("/v1/campaigns/" + campaign + "/deliveries?status=sent&limit=1").expect(200)
                .data().path("pagination").path("total").asInt()).isEqualTo(150);
    }

    @Test
    void temporaryFailuresAreRetriedPermanentOnesBounceAndAreSuppressedForTheNextCampaign() {
        List<String> emails = emails(6);
        SMTP.fail(emails.get(0), Fault.TEMPORARY, 1);
        SMTP.fail(emails.get(1), Fault.DISCONNECT_IN_DATA, 1);
        SMTP.fail(emails.get(2), Fault.STALL, 1);
        SMTP.stallFor(3_000);
        SMTP.fail(emails.get(3), Fault.PERMANENT, 10);
        SMTP.fail(emails.get(4), Fault.TEMPORARY, 10);
        String list = Audiences.list(caller, emails);
        String campaign = Audiences.campaign(caller, Map.of(), list);

        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Reply done = awaitStatus(campaign, "sent");

        assertThat(receivedBy(emails)).extracting(Received::recipient)
                .containsExactlyInAnyOrder(emails.get(0), emails.get(1), emails.get(2), emails.get(5));
        assertThat(delivery(campaign, emails.get(0)).path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery(campaign, emails.get(3)).path("status").asString()).isEqualTo("bounced");
        assertThat(delivery(campaign, emails.get(3)).path("lastReply").asString()).contains("550");
        assertThat(delivery(campaign, emails.get(4)).path("status").asString()).isEqualTo("failed");
        assertThat(delivery(campaign, emails.get(4)).path("attempts").asInt()).isEqualTo(3);
        var metrics = done.data().path("metrics");
        assertThat(metrics.path("sent").asInt()).isEqualTo(4);
        assertThat(metrics.path("bounced").asInt()).isEqualTo(1);
        assertThat(metrics.path("failedCount").asInt()).isEqualTo(1);

        String next = Audiences.campaign(caller, Map.of("name", "Second"), list);
        caller.post("/v1/campaigns/" + next + "/send").expect(200);
        Reply second = awaitStatus(next, "sent");
        assertThat(second.data().path("metrics").path("suppressed").asInt()).isEqualTo(1);
        assertThat(second.data().path("metrics").path("totalContacts").asInt()).isEqualTo(5);
    }

    @Test
    void noTransactionBeginsAfterPauseReturnsAndResumeMailsExactlyTheRest() throws Exception {
        List<String> emails = emails(300);
        SMTP.delayEachMessage(5);
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        awaitReceived(emails, count -> count >= 60);

        Reply paused = caller.post("/v1/campaigns/" + campaign + "/pause").expect(200);
        long pauseReturned = System.nanoTime();
        assertThat(paused.data().path("status").asString()).isEqualTo("paused");
        Thread.sleep(500);
        int atPause = receivedBy(emails).size();
        assertThat(SMTP.mailFromTimes()).allSatisfy(t -> assertThat(t).isLessThan(pauseReturned));
        assertThat(atPause).isLessThan(emails.size());
        Thread.sleep(300);
        assertThat(receivedBy(emails)).hasSize(atPause);

        caller.post("/v1/campaigns/" + campaign + "/resume").expect(200);
        awaitStatus(campaign, "sent");
        assertThat(receivedBy(emails)).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(emails);
    }

    @Test
    void abortCancelsEveryPendingDeliveryAndSentMailStays() {
        List<String> emails = emails(300);
        SMTP.delayEachMessage(5);
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        awaitReceived(emails, count -> count >= 40);

        caller.post("/v1/campaigns/" + campaign + "/abort").expect(200);
        int received = awaitSettled(emails);

        int cancelled = caller.get("/v1/campaigns/" + campaign + "/deliveries?status=cancelled&limit=1").expect(200)
                .data().path("pagination").path("total").asInt();
        assertThat(received + cancelled).isEqualTo(emails.size());
        assertThat(cancelled).isPositive();
        assertThat(caller.get("/v1/campaigns/" + campaign).expect(200).data().path("status").asString())
                .isEqualTo("aborted");
    }

    private List<String> emails(int count) {
        return IntStream.range(0, count).mapToObj(i -> "r" + i + "-" + tag + "@example.org").toList();
    }

    private List<Received> receivedBy(List<String> emails) {
        var wanted = new java.util.HashSet<>(emails);
        return SMTP.received().stream().filter(r -> wanted.contains(r.recipient())).toList();
    }

    private tools.jackson.databind.JsonNode delivery(String campaign, String email) {
        return caller.get("/v1/campaigns/" + campaign + "/deliveries?limit=100").expect(200).data().path("deliveries")
                .valueStream().filter(d -> d.path("email").asString().equals(email)).findFirst().orElseThrow();
    }

    private Reply awaitStatus(String campaign, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Reply reply;
        do {
            reply = caller.get("/v1/campaigns/" + campaign).expect(200);
            if (reply.data().path("status").asString().equals(status)) {
                return reply;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Campaign never reached " + status + ": " + reply.body());
    }

    private void awaitReceived(List<String> emails, Predicate<Integer> enough) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!enough.test(receivedBy(emails).size())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + receivedBy(emails).size() + " received");
            }
            sleep(10);
        }
    }

    /** Waits until the received count stops changing for half a second; returns it. */
    private int awaitSettled(List<String> emails) {
        int last = -1;
        for (int i = 0; i < 120; i++) {
            int now = receivedBy(emails).size();
            if (now == last) {
                return now;
            }
            last = now;
            sleep(500);
        }
        throw new AssertionError("Sending never settled");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ScriptedSmtpServer start() {
        try {
            return new ScriptedSmtpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
