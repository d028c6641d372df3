package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Received;

import tools.jackson.databind.JsonNode;

/**
 * {@code scheduledAt} on {@code POST /v1/mails/send} against a clock the test moves: the mail waits
 * until then, one cancelled before never leaves, cancelling is idempotent and is a 422 once sent.
 */
class ScheduledMailTest extends ClockedEngineCase {

    @Test
    void aScheduledMailWaitsForItsTimeAndACancelledOneNeverLeaves() {
        List<String> emails = addresses("scheduled", 2);
        Instant at = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String kept = send(emails.get(0), at);
        String cancelled = send(emails.get(1), at);

        JsonNode waiting = caller.get("/v1/mails/" + kept).expect(200).data();
        assertThat(waiting.path("status").asString()).isEqualTo("queued");
        assertThat(Instant.parse(waiting.path("scheduledAt").asString())).isEqualTo(at);
        assertThat(caller.post("/v1/mails/" + cancelled + "/cancel").expect(200).data().path("status").asString())
                .isEqualTo("cancelled");
        assertThat(caller.post("/v1/mails/" + cancelled + "/cancel").expect(200).data().path("status").asString())
                .as("cancelling again changes nothing").isEqualTo("cancelled");

        clock.advanceTo(at.minusSeconds(1));
        awaitDispatched(emails);
        assertThat(received()).isEmpty();

        clock.advanceTo(at);
        Eventually.await("the scheduled mail sent", Duration.ofSeconds(30),
                () -> caller.get("/v1/mails/" + kept).expect(200).data().path("status").asString(), "sent"::equals);
        clock.advanceTo(at.plus(Duration.ofHours(1)));
        awaitDispatched(emails);
        assertThat(received()).extracting(Received::recipient).containsExactly(emails.get(0));
        assertThat(caller.get("/v1/mails/" + cancelled).expect(200).data().path("status").asString())
                .isEqualTo("cancelled");
        caller.post("/v1/mails/" + kept + "/cancel").expectError(422, "INVALID_STATE_TRANSITION");
        caller.post("/v1/mails/00000000-0000-0000-0000-000000000000/cancel").expectError(404, "EMAIL_NOT_FOUND");
    }

    private String send(String to, Instant at) {
        return caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", to), "subject", "Later", "text", "Hi", "scheduledAt", at.toString()))
                .expect(201).data().path("emailId").asString();
    }

    private List<Received> received() {
        return smtp.received().stream().filter(mail -> mail.recipient().contains(tag)).toList();
    }
}
