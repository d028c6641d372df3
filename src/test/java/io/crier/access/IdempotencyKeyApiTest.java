package io.crier.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.Reply;

/**
 * AutoSend's {@code Idempotency-Key} on the POSTs that create or send: a retry with the same key
 * and body (the SDK retries after a lost answer) gets the first answer again and sends nothing
 * more, even when two of them arrive at once; the key with another body is a 409.
 */
@CrierApiTest
class IdempotencyKeyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameSendThreeTimesTwoOfThemAtOnceMailsExactlyOnce() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        Caller retrying = caller.withHeader("Idempotency-Key", "order-" + UUID.randomUUID());
        String body = """
                {"from": {"email": "hello@crier.test"}, "to": {"email": "%s"},
                 "subject": "Your receipt", "text": "Thanks"}""".formatted(unique("buyer"));

        List<Reply> atOnce;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Reply>> calls = List.of(1, 2).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return retrying.post("/v1/mails/send", body);
                    }, threads)).toList();
            start.countDown();
            atOnce = calls.stream().map(CompletableFuture::join).toList();
        }
        Reply third = retrying.post("/v1/mails/send", body).expect(201);

        String emailId = third.data().path("emailId").asString();
        assertThat(third.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(third.header("Location")).isEqualTo("/v1/mails/" + emailId);
        for (Reply reply : atOnce) {
            // the twin that lost the claim waited for the winner's answer (or, past its wait, a 409 to retry)
            if (reply.status() == 201) {
                assertThat(reply.data().path("emailId").asString()).isEqualTo(emailId);
            } else {
                reply.expectError(409, "IDEMPOTENCY_KEY_IN_PROGRESS");
            }
        }
        Eventually.await("the mail sent", Duration.ofSeconds(30),
                () -> caller.get("/v1/mails/" + emailId).expect(200).data().path("status").asString(), "sent"::equals);
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from delivery where workspace_id = :workspaceId")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theKeyWithAnotherBodyIsAConflictAndSendsNothing() {
        Caller caller = Api.at(port).newWorkspace();
        Caller keyed = caller.withHeader("Idempotency-Key", "k-" + UUID.randomUUID());
        String to = unique("first");
        keyed.post("/v1/mails/send", mail(to, "One")).expect(201);

        keyed.post("/v1/mails/send", mail(to, "Two")).expectError(409, "IDEMPOTENCY_KEY_REUSED");
        keyed.post("/v1/mails/bulk", "{\"recipients\": [{\"email\": \"" + to + "\"}], \"subject\": \"One\","
                + " \"text\": \"x\", \"from\": {\"email\": \"hello@crier.test\"}}")
                .expectError(409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(jdbc.sql("select count(*) from delivery where workspace_id = :workspaceId")
                .param("workspaceId", UUID.fromString(caller.workspaceId())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyCreatingPostReplaysItsFirstAnswerWithinItsOwnWorkspaceOnly() {
        Caller caller = Api.at(port).newWorkspace();
        String key = "contact-" + UUID.randomUUID();
        String contact = "{\"email\": \"" + unique("contact") + "\"}";
        Reply first = caller.withHeader("Idempotency-Key", key).post("/v1/contacts", contact).expect(201);
        Reply again = caller.withHeader("Idempotency-Key", key).post("/v1/contacts", contact).expect(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(caller.get("/v1/contacts").expect(200).data().path("contacts").size()).isEqualTo(1);

        Caller other = Api.at(port).newWorkspace();
        other.withHeader("Idempotency-Key", key).post("/v1/contacts", contact).expect(201);
        assertThat(other.get("/v1/contacts").expect(200).data().path("contacts").size()).isEqualTo(1);
    }

    @Test
    void aRefusedCallIsAnsweredTheSameRefusalAndABadKeyIsRefusedByName() {
        Caller caller = Api.at(port).newWorkspace();
        Caller keyed = caller.withHeader("Idempotency-Key", "bad-" + UUID.randomUUID());
        keyed.post("/v1/mails/send", "{\"subject\": \"S\"}").expectInvalidField("to");
        Reply again = keyed.post("/v1/mails/send", "{\"subject\": \"S\"}").expectInvalidField("to");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        caller.withHeader("Idempotency-Key", "x".repeat(256)).post("/v1/mails/send", mail(unique("a"), "S"))
                .expectInvalidField("Idempotency-Key");
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isZero();
    }

    private static String mail(String to, String subject) {
        return "{\"from\": {\"email\": \"hello@crier.test\"}, \"to\": {\"email\": \"" + to + "\"}, \"subject\": \""
                + subject + "\", \"text\": \"Hello\"}";
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
