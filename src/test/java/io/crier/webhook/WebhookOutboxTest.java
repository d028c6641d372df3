package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.crier.CrierApplication;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.MutableClock;
import io.crier.support.Rounds;
import io.crier.support.TestClockConfiguration;
import io.crier.support.WebhookReceiver;
import io.crier.support.WebhookReceiver.Request;
import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/**
 * The outbox over time: it outlives the process (a delivery whose first attempt failed is retried
 * on schedule by the next Crier started on the same embedded database, with its log intact), and
 * finished deliveries leave the log after {@code crier.webhooks.retention}. One test, so the suite
 * starts Crier twice rather than three times: on a data directory of its own, on a clock the test
 * moves.
 */
class WebhookOutboxTest {

    private static final String SECRET = "restart-test-secret-0123456789";

    private final WebhookReceiver receiver = start();
    private final String dataDir = "target/test-data/" + UUID.randomUUID();
    private ConfigurableApplicationContext crier;

    @AfterEach
    void stop() {
        if (crier != null) {
            crier.close();
        }
        receiver.close();
    }

    @Test
    void aDeliveryLeftPendingAtShutdownIsDeliveredByTheNextRunAndLeavesTheLogAfterTheRetention() {
        String url = receiver.newEndpoint();
        receiver.answer(url, 500);
        crier = crier();
        Caller caller = api().newWorkspace();
        String hook = caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("campaign.status_changed"),
                "secret", SECRET)).expect(201).data().path("id").asString();
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of("restart@example.org")));
        // Scheduled beyond the retention steps below: its start would add deliveries to the log.
        caller.post("/v1/campaigns/" + campaign + "/send",
                Map.of("scheduledAt", Instant.now().plus(Duration.ofDays(300)).toString())).expect(200);
        JsonNode failed = awaitLog(caller.key(), hook, 1);
        Instant due = Instant.parse(failed.path("nextAttemptAt").asString());
        crier.close();

        crier = crier();
        MutableClock clock = crier.getBean(MutableClock.class);
        if (clock.instant().isBefore(due)) {
            clock.advanceTo(due);
        }
        JsonNode delivered = awaitLog(caller.key(), hook, 2);

        assertThat(delivered.path("status").asString()).isEqualTo("delivered");
        assertThat(delivered.path("attempts").valueStream().map(a -> a.path("statusCode").asInt()))
                .containsExactly(500, 200);
        List<Request> requests = receiver.received(url);
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.signedWith(SECRET, "X-Crier-Signature", "sha256=")).isTrue();
            assertThat(r.header("X-Crier-Delivery")).isEqualTo(delivered.path("id").asString());
        });

        // Each step is more than an hour, so the node prunes after each; only the second passes the 30 days.
        clock.advance(Duration.ofDays(29));
        Rounds.of(crier.getBean(MeterRegistry.class)).awaitFullRound(Rounds.WEBHOOKS);
        assertThat(log(caller.key(), hook)).as("kept for 30 days").hasSize(1);
        clock.advance(Duration.ofDays(2));
        Eventually.await("the log emptied", Duration.ofSeconds(10), () -> log(caller.key(), hook), JsonNode::isEmpty);
    }

    /** The webhook's one log entry once it shows this many attempts, read from the Crier running now. */
    private JsonNode awaitLog(String key, String hook, int attempts) {
        return Eventually.await(attempts + " attempts", Duration.ofSeconds(30), () -> log(key, hook),
                entries -> entries.size() == 1 && entries.get(0).path("attempts").size() == attempts).get(0);
    }

    private JsonNode log(String key, String hook) {
        return api().withKey(key).get("/v1/webhooks/" + hook + "/deliveries").expect(200).data().path("deliveries");
    }

    private ConfigurableApplicationContext crier() {
        return new SpringApplicationBuilder(CrierApplication.class, TestClockConfiguration.class)
                .run("--server.port=0", "--crier.data-dir=" + dataDir, "--crier.database.url=",
                        "--crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
                        "--crier.webhooks.allow-private-targets=true", "--crier.webhooks.poll-interval=20ms");
    }

    private Api api() {
        return Api.at(Integer.parseInt(crier.getEnvironment().getProperty("local.server.port")));
    }

    private static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
