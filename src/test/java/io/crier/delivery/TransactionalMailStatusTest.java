package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Fault;

import tools.jackson.databind.JsonNode;

/**
 * A transactional message's status follows the engine's outcome for it, with the relay's reply:
 * deferred (and retried) on a 4xx, failed once out of attempts, bounced on a 5xx, after which the
 * address is suppressed for the next message. The relay is scripted, the clock the test's.
 */
class TransactionalMailStatusTest extends ClockedEngineCase {

    /** Beyond the longest backoff of this context (retry-max=10m, plus jitter). */
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(16);

    @Test
    void aTemporaryFailureIsDeferredWithItsRetryTimeThenSent() {
        String to = "later-" + tag + "@example.org";
        smtp.fail(to, Fault.TEMPORARY, 1);
        String id = send(to);

        JsonNode deferred = awaitStatus(id, "deferred");
        assertThat(deferred.path("lastReply").asString()).startsWith("451");
        assertThat(deferred.path("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(deferred.path("nextAttemptAt").asString())).isAfter(clock.instant());

        clock.advance(LONGEST_BACKOFF);
        JsonNode sent = awaitStatus(id, "sent");
        assertThat(sent.path("attempts").asInt()).isEqualTo(2);
        assertThat(sent.path("lastReply").asString()).startsWith("250");
        assertThat(sent.path("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void aMessageOutOfAttemptsFails() {
        String to = "never-" + tag + "@example.org";
        smtp.fail(to, Fault.TEMPORARY, 3);
        String id = send(to);
        for (int attemptsMade = 1; attemptsMade <= 2; attemptsMade++) {
            int made = attemptsMade;
            Eventually.await("attempt " + made, Duration.ofSeconds(20), () -> mail(id),
                    mail -> mail.path("status").asString().equals("deferred") && mail.path("attempts").asInt() == made);
            clock.advance(LONGEST_BACKOFF);
        }
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastReply").asString()).startsWith("451");
    }

    @Test
    void aPermanentFailureBouncesAndSuppressesTheAddressForTheNextMessage() {
        String to = "gone-" + tag + "@example.org";
        smtp.fail(to, Fault.PERMANENT, 1);
        JsonNode bounced = awaitStatus(send(to), "bounced");
        assertThat(bounced.path("lastReply").asString()).startsWith("550");

        String next = caller.post("/v1/mails/send", body(to)).expect(201).data().path("status").asString();
        assertThat(next).isEqualTo("suppressed");
        assertThat(smtp.received()).noneMatch(received -> received.recipient().equals(to));
    }

    private String send(String to) {
        return caller.post("/v1/mails/send", body(to)).expect(201).data().path("emailId").asString();
    }

    private static String body(String to) {
        return """
                {"from": {"email": "app@crier.test"}, "to": {"email": "%s"}, "subject": "Code", "text": "1234"}"""
                .formatted(to);
    }

    private JsonNode mail(String id) {
        return caller.get("/v1/mails/" + id).expect(200).data();
    }

    private JsonNode awaitStatus(String id, String status) {
        return Eventually.await("mail " + id + " to be " + status, Duration.ofSeconds(20), () -> mail(id),
                mail -> mail.path("status").asString().equals(status));
    }
}
