package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.ScriptedSmtpServer.Received;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/campaigns/{id}/retry-failed}. Retries wait for their backoff on the test clock,
 * which the test moves past it (three attempts, crier.delivery.max-attempts, then failed).
 */
class RetryFailedTest extends ClockedEngineCase {

    /** crier.delivery.retry-max: every backoff is due once the clock has moved this far. */
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    List<String> emails;

    @BeforeEach
    void setUp() {
        emails = addresses("f", 5);
    }

    @Test
    void aSentCampaignSendsItsFailedDeliveriesAgainWithCountersCorrected() {
        smtp.fail(emails.get(0), Fault.TEMPORARY, 3);
        smtp.fail(emails.get(1), Fault.TEMPORARY, 3);
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post(path(id, "send")).expect(200);
        for (int attemptsMade = 1; attemptsMade <= 2; attemptsMade++) {
            awaitDeferred(id, attemptsMade);
            clock.advance(LONGEST_BACKOFF);
        }
        JsonNode sent = Eventually.status(caller, id, "sent").data();
        assertThat(metric(sent, "sent")).isEqualTo(3);
        assertThat(metric(sent, "failedCount")).isEqualTo(2);
        assertThat(metric(sent, "processedCount")).isEqualTo(5);

        JsonNode retried = caller.post(path(id, "retry-failed")).expect(200).data();

        assertThat(retried.path("status").asString()).isEqualTo("sending");
        assertThat(retried.path("sentAt").isNull()).isTrue();
        assertThat(metric(retried, "failedCount")).isZero();
        assertThat(metric(retried, "processedCount")).isEqualTo(3);
        JsonNode done = Eventually.status(caller, id, "sent").data();
        assertThat(metric(done, "sent")).isEqualTo(5);
        assertThat(metric(done, "failedCount")).isZero();
        assertThat(metric(done, "processedCount")).isEqualTo(5);
        assertThat(done.path("sentAt").isNull()).isFalse();
        assertThat(received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(caller.get(path(id, "deliveries?status=sent")).expect(200).data().path("deliveries")
                .valueStream().filter(d -> d.path("email").asString().equals(emails.get(0))).findFirst().orElseThrow()
                .path("attempts").asInt()).isEqualTo(4);

        JsonNode again = caller.post(path(id, "retry-failed")).expect(200).data();
        assertThat(again.path("status").asString()).as("nothing failed: nothing to do").isEqualTo("sent");
        assertThat(again.path("updatedAt").asString()).isEqualTo(done.path("updatedAt").asString());
    }

    @Test
    void retryFailedNeedsTheSendScopeAndACampaignThatCanSend() {
        String draft = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails.subList(0, 1)));
        assertThat(caller.post(path(draft, "retry-failed")).expectError(422, "INVALID_STATE_TRANSITION").error()
                .path("message").asString()).contains("draft");
        Api.at(port).newWorkspace().post(path(draft, "retry-failed")).expectError(404, "CAMPAIGN_NOT_FOUND");
        caller.post(path("not-a-uuid", "retry-failed")).expectError(404, "CAMPAIGN_NOT_FOUND");
        String writer = caller.post("/v1/api-keys", "{\"name\": \"writer\", \"scopes\": [\"read\", \"write\"]}")
                .expect(201).data().path("key").asString();
        caller.withKey(writer).post(path(draft, "retry-failed")).expectError(403, "FORBIDDEN");

        String scheduled = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails.subList(1, 2)));
        caller.post(path(scheduled, "send"), "{\"scheduledAt\": \"" + clock.instant().plus(Duration.ofDays(1)) + "\"}")
                .expect(200);
        caller.post(path(scheduled, "pause")).expect(200);
        assertThat(caller.post(path(scheduled, "retry-failed")).expect(200).data().path("status").asString())
                .isEqualTo("paused");
        caller.post(path(scheduled, "abort")).expect(200);
        caller.post(path(scheduled, "retry-failed")).expectError(422, "INVALID_STATE_TRANSITION");
    }

    /** Waits until both failing deliveries are deferred after {@code attemptsMade} attempts. */
    private void awaitDeferred(String id, int attemptsMade) {
        Eventually.await("2 deliveries deferred after " + attemptsMade + " attempts", Duration.ofSeconds(20),
                () -> caller.get(path(id, "deliveries?status=deferred")).expect(200).data().path("deliveries")
                        .valueStream().filter(d -> d.path("attempts").asInt() == attemptsMade).count(),
                count -> count == 2);
    }

    private static int metric(JsonNode campaign, String name) {
        return campaign.path("metrics").path(name).asInt();
    }

    private List<Received> received() {
        var mine = new HashSet<>(emails);
        return smtp.received().stream().filter(r -> mine.contains(r.recipient())).toList();
    }

    private static String path(String id, String verb) {
        return "/v1/campaigns/" + id + "/" + verb;
    }
}
