package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.CrierApplication;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.MutableClock;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.ScriptedSmtpServer;

/**
 * Two Crier nodes, two engines in this JVM on one PostgreSQL database and one test clock, sending
 * one campaign through one relay, with slow.example throttled to 6 a minute (a slot every 10 s).
 * Both nodes send the campaign's other recipients; for the throttled ones, the ledger counts
 * exactly one more sent per 10 s step of the clock, whichever node claims it, and the shared slot
 * row shows that no node took a slot more. Tagged {@code cluster}: PostgreSQL only, as the nodes
 * share a database.
 */
@Tag("cluster")
class ThrottledNodesTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();
    private static ScriptedSmtpServer relay;

    /** Both nodes on the same clock, as nodes on one host's time. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClock {

        @Bean
        @Primary
        MutableClock sharedClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void startNodes() throws IOException {
        relay = new ScriptedSmtpServer();
        // Each message takes the relay a moment, so neither node can send all the fast mail alone.
        relay.delayEachMessage(5);
        String database = PostgresTestDatabase.sibling("throttle");
        for (String name : List.of("node-a", "node-b")) {
            NODES.add(new SpringApplicationBuilder(CrierApplication.class, SharedClock.class).run(
                    "--server.port=0", "--crier.data-dir=target/test-data/" + UUID.randomUUID(),
                    "--crier.database.url=" + database, "--crier.database.username=" + PostgresTestDatabase.user(),
                    "--crier.database.password=" + PostgresTestDatabase.password(),
                    "--crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY, "--crier.delivery.node-id=" + name,
                    "--crier.smtp.host=127.0.0.1", "--crier.smtp.port=" + relay.port(),
                    "--crier.smtp.helo-name=" + name, "--crier.smtp.max-connections=2",
                    "--crier.delivery.idle-poll=10ms", "--crier.senders.verify-domains=false",
                    "--crier.smtp.throttles[0].name=slowmail",
                    "--crier.smtp.throttles[0].domains=slow.example",
                    "--crier.smtp.throttles[0].max-per-minute=6"));
        }
    }

    @AfterAll
    static void stopNodes() throws IOException {
        NODES.forEach(ConfigurableApplicationContext::close);
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void theNodesTogetherSendOneThrottledMessagePerSlotAndShareTheRest() {
        Caller caller = Api.at(port(NODES.getFirst())).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> slow = IntStream.range(0, 4).mapToObj(i -> "s" + i + "-" + tag + "@slow.example").toList();
        List<String> fast = IntStream.range(0, 60).mapToObj(i -> "f" + i + "-" + tag + "@example.org").toList();
        List<String> all = new ArrayList<>(slow);
        all.addAll(fast);
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, all));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);

        Eventually.await("the fast mail", Duration.ofSeconds(30), () -> received(fast).size(),
                n -> n == fast.size());
        List<Long> sentPerStep = new ArrayList<>();
        for (int step = 1; step <= slow.size(); step++) {
            int expected = step;
            Eventually.await(step + " throttled sent", Duration.ofSeconds(10), () -> sentTo(id, "slow.example"),
                    n -> n >= expected);
            assertThat(slotsTaken()).as("slots taken by both nodes after step %d", step).isEqualTo(step);
            sentPerStep.add(sentTo(id, "slow.example"));
            CLOCK.advance(STEP);
        }

        Eventually.status(caller, id, "sent");
        assertThat(sentPerStep).as("throttled messages in the ledger, step by step").containsExactly(1L, 2L, 3L, 4L);
        assertThat(received(slow)).containsExactlyInAnyOrderElementsOf(slow);
        Set<String> senders = relay.received().stream().filter(r -> fast.contains(r.recipient()))
                .map(ScriptedSmtpServer.Received::client).collect(Collectors.toSet());
        assertThat(senders).as("nodes that sent the fast mail").containsExactlyInAnyOrder("node-a", "node-b");
    }

    private static long sentTo(String campaignId, String domain) {
        return jdbc().sql("select count(*) from delivery where campaign_id = :id and status = 'sent'"
                        + " and email like :to")
                .param("id", UUID.fromString(campaignId))
                .param("to", "%@" + domain)
                .query(Long.class).single();
    }

    private static long slotsTaken() {
        return jdbc().sql("select day_count from send_slot where name = 'provider:slowmail'").query(Long.class)
                .single();
    }

    private static List<String> received(List<String> emails) {
        return relay.received().stream().map(ScriptedSmtpServer.Received::recipient).filter(emails::contains).toList();
    }

    private static JdbcClient jdbc() {
        return NODES.getFirst().getBean(JdbcClient.class);
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
