package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.WebhookEngineCase;

import tools.jackson.databind.JsonNode;

/**
 * One workspace's webhooks cannot hold up another's: a workspace whose endpoints hang takes only its
 * own share of the node's requests, and a target that gives no answer is left alone for a while
 * instead of being hit by every delivery due for it. Endpoints on loopback: the tests' receiver,
 * a tarpit that accepts connections and never answers, and a closed port.
 */
class WebhookFairnessTest extends WebhookEngineCase {

    @Value("${crier.webhooks.concurrent-per-workspace}")
    int concurrentPerWorkspace;

    @Test
    void aWorkspaceWhoseEndpointsHangDoesNotDelayAnothersWebhook() throws IOException {
        try (Tarpit tarpit = new Tarpit()) {
            for (int i = 0; i < 5; i++) {
                caller.post("/v1/webhooks", Map.of("url", tarpit.url() + i, "events",
                        List.of("campaign.status_changed"))).expect(201);
            }
            // 8 status changes to 5 hanging endpoints: 40 requests, more than a claim takes at once.
            for (int i = 0; i < 8; i++) {
                schedule(caller);
            }
            Eventually.await("the tarpit holding requests", Duration.ofSeconds(10), tarpit::held,
                    held -> held >= concurrentPerWorkspace);

            Caller other = Api.at(port).newWorkspace();
            String url = receiver.newEndpoint();
            other.post("/v1/webhooks", Map.of("url", url, "events", List.of("campaign.status_changed")))
                    .expect(201);
            schedule(other);
            // Timed from the event on the real clock: a claim that waited for the hanging batch took 10 s.
            Eventually.await("the other workspace's webhook within 3 s", Duration.ofSeconds(3),
                    () -> receiver.received(url), received -> !received.isEmpty());

            assertThat(tarpit.held()).as("requests of the hanging workspace under way at once")
                    .isEqualTo(concurrentPerWorkspace);
        }
    }

    /**
     * A target that refused a connection backs off: the next delivery due for it is not attempted,
     * only moved to when the back-off ends (read from its log, on the test's clock).
     */
    @Test
    void aTargetThatGaveNoAnswerIsLeftAloneUntilItsBackOffEnds() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String hook = caller.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:" + closedPort + "/gone",
                "events", List.of("campaign.status_changed"))).expect(201).data().path("id").asString();
        schedule(caller);
        Eventually.await("the first attempt refused", Duration.ofSeconds(10), () -> log(hook),
                log -> log.size() == 1 && log.get(0).path("attempts").size() == 1);

        Instant second = clock.instant();
        schedule(caller);
        JsonNode postponed = Eventually.await("the second delivery postponed", Duration.ofSeconds(10),
                () -> log(hook).valueStream().filter(entry -> entry.path("attempts").isEmpty()).findFirst(),
                entry -> entry.isPresent() && Instant.parse(entry.get().path("nextAttemptAt").asString())
                        .isAfter(second.plus(HostBackoff.FIRST).minusSeconds(1))).orElseThrow();

        assertThat(log(hook)).as("the first attempted, the second not").hasSize(2);
        assertThat(postponed.path("status").asString()).isEqualTo("pending");
    }

    private static void schedule(Caller caller) {
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of("someone@example.org")));
        caller.post("/v1/campaigns/" + campaign + "/send",
                Map.of("scheduledAt", Instant.now().plus(Duration.ofDays(3650)).toString())).expect(200);
    }

    private JsonNode log(String hook) {
        return caller.get("/v1/webhooks/" + hook + "/deliveries").expect(200).data().path("deliveries");
    }

    /** A loopback HTTP endpoint that accepts every connection and never answers. */
    private static final class Tarpit implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        Tarpit() throws IOException {
            Thread.ofVirtual().name("tarpit").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }

        int held() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : held) {
                connection.close();
            }
        }
    }
}
