package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.h2.tools.Server;
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
import io.crier.support.TcpProxy;
import io.crier.support.TestKeys;

/**
 * Two Crier nodes, two engines in this JVM on one database (PostgreSQL, or H2 served over TCP) and
 * one test clock, sending through a pool of one relay with {@code max-connections: 3}. Each node
 * has three senders of its own, so the two together would open six connections; the relay, which
 * counts the connections open at once, never sees more than three. Each node reaches the database
 * through a proxy the test can cut: the node holding connection leases is cut off, fences itself
 * and closes its connections, and once its leases run out the other node takes all three and
 * finishes the campaign. The nodes run with short fencing times (a lease runs out 5 s after its
 * last renewal), so that costs seconds. Each recipient is checked to be mailed, not to be mailed
 * once: with leases this short, a node stalled by a loaded machine can lose its claims while it
 * sends them (what DeliveryProperties#leaseShortfall warns of), which is not what this test is about.
 */
@Tag("db")
class PoolConnectionLimitTest {

    private static final int MAX_CONNECTIONS = 3;
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static final List<String> NAMES = List.of("node-a", "node-b");
    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();
    private static final List<TcpProxy> DATABASE_LINKS = new ArrayList<>();
    private static ScriptedSmtpServer relay;
    private static Server h2;

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
    static void startNodes() throws IOException, SQLException {
        relay = new ScriptedSmtpServer();
        // Each message takes the relay a moment, so every sender stays busy while there is mail.
        relay.delayEachMessage(10);
        String database = database();
        URI server = URI.create(database.substring("jdbc:".length()).replaceFirst("^h2:", ""));
        String masterKey = System.getProperty("crier.master-key", TestKeys.masterKey());
        for (String name : NAMES) {
            TcpProxy link = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
            DATABASE_LINKS.add(link);
            String throughProxy = database.replace(server.getHost() + ":" + server.getPort(),
                    "127.0.0.1:" + link.port());
            NODES.add(new SpringApplicationBuilder(CrierApplication.class, SharedClock.class).run(
                    "--server.port=0", "--crier.capture.port=0", "--crier.data-dir=target/test-data/" + UUID.randomUUID(),
                    "--crier.database.url=" + throughProxy, "--crier.database.username=" + user(),
                    "--crier.database.password=" + password(), "--crier.master-key=" + masterKey,
                    "--crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY, "--crier.delivery.node-id=" + name,
                    "--crier.smtp.pools[0].name=capped", "--crier.smtp.pools[0].workspaces=*",
                    "--crier.smtp.pools[0].max-connections=" + MAX_CONNECTIONS,
                    "--crier.smtp.pools[0].relays[0].host=127.0.0.1",
                    "--crier.smtp.pools[0].relays[0].port=" + relay.port(),
                    "--crier.smtp.pools[0].relays[0].max-connections=" + MAX_CONNECTIONS,
                    "--crier.smtp.helo-name=" + name, "--crier.smtp.timeout=2s",
                    "--crier.delivery.idle-poll=10ms", "--crier.delivery.heartbeat-interval=500ms",
                    "--crier.delivery.self-fence-after=2s", "--crier.delivery.node-timeout=4s",
                    "--crier.delivery.lease-duration=5s", "--crier.senders.verify-domains=false",
                    "--spring.datasource.hikari.maximum-pool-size=8"));
        }
    }

    /** A new database both nodes share: a sibling of the suite's PostgreSQL one, or an H2 database served over TCP. */
    private static String database() throws SQLException {
        if (PostgresTestDatabase.suiteUrl().startsWith("jdbc:postgresql:")) {
            return PostgresTestDatabase.sibling("connections");
        }
        Path directory = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", directory.toString(), "-ifNotExists").start();
        return "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/crier"
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static String user() {
        return h2 == null ? PostgresTestDatabase.user() : "crier";
    }

    private static String password() {
        return h2 == null ? PostgresTestDatabase.password() : "";
    }

    @AfterAll
    static void stopNodes() throws IOException {
        DATABASE_LINKS.forEach(TcpProxy::heal);
        NODES.forEach(ConfigurableApplicationContext::close);
        for (TcpProxy link : DATABASE_LINKS) {
            link.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void theNodesTogetherNeverOpenMoreThanThePoolsConnectionsAndADeadNodesLeasesComeBack() {
        Caller caller = Api.at(port(NODES.getFirst())).newWorkspace();
        List<String> first = addresses("first", 400);
        String firstId = send(caller, first);

        Eventually.status(caller, firstId, "sent");
        assertThat(Set.copyOf(received(first))).isEqualTo(Set.copyOf(first));
        assertThat(relay.mostOpenAtOnce()).as("connections open at once, over both nodes").isEqualTo(MAX_CONNECTIONS);
        assertThat(relay.received().stream().filter(mail -> first.contains(mail.recipient()))
                .map(ScriptedSmtpServer.Received::client).collect(Collectors.toSet()))
                .as("nodes that sent").containsExactlyInAnyOrderElementsOf(NAMES);

        List<String> second = addresses("second", 1_000);
        String secondId = send(caller, second);
        Map<String, Long> held = Eventually.await("the leases taken", Duration.ofSeconds(30), () -> held(NODES.getFirst()),
                leases -> leases.values().stream().mapToLong(Long::longValue).sum() == MAX_CONNECTIONS);
        // The node holding most leases dies: the other needs them to open its three connections.
        String dead = held.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        ConfigurableApplicationContext survivor = NODES.get(1 - NAMES.indexOf(dead));
        String survivorName = NAMES.get(1 - NAMES.indexOf(dead));
        DATABASE_LINKS.get(NAMES.indexOf(dead)).cut();

        Eventually.await("the survivor to hold every connection lease", Duration.ofSeconds(30),
                () -> held(survivor), leases -> leases.getOrDefault(survivorName, 0L) == MAX_CONNECTIONS);
        Caller onSurvivor = Api.at(port(survivor)).withKey(caller.key());
        Eventually.await("campaign " + secondId + " to be sent", Duration.ofSeconds(60),
                () -> status(onSurvivor, secondId), "sent"::equals);
        // At least once: what the dead node sent but could no longer record goes out again (the duplicate window).
        assertThat(Set.copyOf(received(second))).isEqualTo(Set.copyOf(second));
        assertThat(relay.mostOpenAtOnce()).as("connections open at once, over both nodes").isEqualTo(MAX_CONNECTIONS);
    }

    private static String send(Caller caller, List<String> emails) {
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        return id;
    }

    private static String status(Caller caller, String id) {
        return caller.get("/v1/campaigns/" + id).expect(200).data().path("status").asString();
    }

    /** The connection leases held now (unexpired), by node, read through this node's database link. */
    private static Map<String, Long> held(ConfigurableApplicationContext node) {
        Map<String, Long> held = new HashMap<>();
        node.getBean(JdbcClient.class).sql("select node_id, count(*) as held from relay_connection_lease where pool = 'capped'"
                        + " and node_id is not null and lease_until >= current_timestamp group by node_id")
                .query(rs -> {
                    held.put(rs.getString("node_id"), rs.getLong("held"));
                });
        return held;
    }

    private static List<String> addresses(String prefix, int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "-" + tag + "@example.org").toList();
    }

    private static List<String> received(List<String> emails) {
        return relay.received().stream().map(ScriptedSmtpServer.Received::recipient).filter(emails::contains).toList();
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
