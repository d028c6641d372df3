package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.DeliveryReferences.Reference;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;

import tools.jackson.databind.JsonNode;

/**
 * The engine end to end: campaigns sent through a real SMTP conversation with a scripted server
 * on loopback, which can fail recipients in each way a relay does. Retries wait for their backoff
 * on the test clock, which the test moves past it (three attempts, crier.delivery.max-attempts).
 */
class DeliveryEngineTest extends ClockedEngineCase {

    /** crier.delivery.retry-max: every backoff is due once the clock has moved this far. */
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    DeliveryReferences references;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void usualRelay() {
        smtp.delayEachMessage(0);
        smtp.stallFor(2_000);
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
        smtp.fail(emails.get(0), Fault.TEMPORARY, 1);
        smtp.fail(emails.get(1), Fault.DISCONNECT_IN_DATA, 1);
        smtp.fail(emails.get(2), Fault.STALL, 1);
        smtp.stallFor(3_000); // longer than the context's 2 s SMTP timeout
        smtp.fail(emails.get(3), Fault.PERMANENT, 10);
        smtp.fail(emails.get(4), Fault.TEMPORARY, 10);
        String list = Audiences.list(caller, emails);
        String campaign = Audiences.campaign(caller, Map.of(), list);

        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Reply done = sentAfterRetries(campaign, 4, 1);

        // The stalled message reaches the relay after the engine gave up on it, and again when retried.
        Eventually.await("the stalled message and its retry", WAIT, () -> receivedBy(emails.subList(2, 3)).size(),
                count -> count == 2);
        assertThat(receivedBy(emails)).extracting(Received::recipient)
                .containsExactlyInAnyOrder(emails.get(0), emails.get(1), emails.get(2), emails.get(2), emails.get(5));
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
        Reply second = sentAfterRetries(next, 1, 1);
        assertThat(second.data().path("metrics").path("suppressed").asInt()).isEqualTo(1);
        assertThat(second.data().path("metrics").path("totalContacts").asInt()).isEqualTo(5);
    }

    @Test
    void noTransactionBeginsAfterPauseReturnsAndResumeMailsExactlyTheRest() {
        List<String> emails = emails(300);
        smtp.delayEachMessage(5);
        // A From address of its own: the relay's MAIL FROM times are then this campaign's only.
        String from = "pause-" + tag + "@crier.test";
        String campaign = Audiences.campaign(caller, Map.of("from", Map.of("email", from, "name", "Crier")),
                Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        awaitReceived(emails, count -> count >= 60);

        Reply paused = caller.post("/v1/campaigns/" + campaign + "/pause").expect(200);
        long pauseReturned = System.nanoTime();
        assertThat(paused.data().path("status").asString()).isEqualTo("paused");
        awaitDispatched(emails);
        int atPause = receivedBy(emails).size();
        assertThat(smtp.mailFromTimes(from)).allSatisfy(t -> assertThat(t).isLessThan(pauseReturned));
        assertThat(atPause).isLessThan(emails.size());
        awaitDispatched(emails);
        assertThat(receivedBy(emails)).hasSize(atPause);

        caller.post("/v1/campaigns/" + campaign + "/resume").expect(200);
        awaitStatus(campaign, "sent");
        assertThat(receivedBy(emails)).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(emails);
    }

    @Test
    void abortCancelsEveryPendingDeliveryAndSentMailStays() {
        List<String> emails = emails(300);
        smtp.delayEachMessage(5);
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        awaitReceived(emails, count -> count >= 40);

        caller.post("/v1/campaigns/" + campaign + "/abort").expect(200);
        awaitDispatched(emails);
        int received = receivedBy(emails).size();

        int cancelled = caller.get("/v1/campaigns/" + campaign + "/deliveries?status=cancelled&limit=1").expect(200)
                .data().path("pagination").path("total").asInt();
        assertThat(received + cancelled).isEqualTo(emails.size());
        assertThat(cancelled).isPositive();
        assertThat(caller.get("/v1/campaigns/" + campaign).expect(200).data().path("status").asString())
                .isEqualTo("aborted");
    }

    private List<String> emails(int count) {
        return addresses("r", count);
    }

    private List<Received> receivedBy(List<String> emails) {
        var wanted = new HashSet<>(emails);
        return smtp.received().stream().filter(r -> wanted.contains(r.recipient())).toList();
    }

    private JsonNode delivery(String campaign, String email) {
        return caller.get("/v1/campaigns/" + campaign + "/deliveries?limit=100").expect(200).data().path("deliveries")
                .valueStream().filter(d -> d.path("email").asString().equals(email)).findFirst().orElseThrow();
    }

    private Reply awaitStatus(String campaign, String status) {
        return Eventually.await("campaign " + campaign + " to be " + status, WAIT,
                () -> caller.get("/v1/campaigns/" + campaign).expect(200),
                reply -> reply.data().path("status").asString().equals(status));
    }

    /**
     * The campaign once sent, the clock moved past the backoff after each round of attempts:
     * {@code deferred[n]} of its deliveries are deferred after attempt n + 1.
     */
    private Reply sentAfterRetries(String campaign, int... deferred) {
        for (int round = 0; round < deferred.length; round++) {
            int attemptsMade = round + 1;
            int expected = deferred[round];
            Eventually.await(expected + " deliveries deferred after " + attemptsMade + " attempts", WAIT,
                    () -> caller.get("/v1/campaigns/" + campaign + "/deliveries?status=deferred&limit=100").expect(200)
                            .data().path("deliveries").valueStream()
                            .filter(d -> d.path("attempts").asInt() == attemptsMade).count(),
                    count -> count == expected);
            clock.advance(LONGEST_BACKOFF);
        }
        return awaitStatus(campaign, "sent");
    }

    private void awaitReceived(List<String> emails, Predicate<Integer> enough) {
        Eventually.await("enough received", WAIT, () -> receivedBy(emails).size(), enough);
    }
}
