package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Received;
import io.crier.support.StartTlsSmtpServer;

/**
 * Two relays with limits of their own: a plain one limited to 20 messages a second over two
 * connections, and one that takes mail only over STARTTLS with a self-signed certificate, which
 * Crier is told to trust. The campaign's mail is shared between them, each recipient once.
 */
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        // Tests send from domains they never verify; SendingDomainEnforcementTest checks verification.
        "crier.senders.verify-domains=false",
        "crier.delivery.idle-poll=20ms"})
class SeveralRelaysTest {

    private static final int LIMITED_RATE = 20;

    static final ScriptedSmtpServer LIMITED = scripted();
    static final StartTlsSmtpServer TLS = new StartTlsSmtpServer(25);

    @LocalServerPort
    int port;

    /** Every relay property in one source: Spring Boot binds an indexed list from a single source. */
    @DynamicPropertySource
    static void relays(DynamicPropertyRegistry registry) {
        registry.add("crier.smtp.relays[0].name", () -> "limited");
        registry.add("crier.smtp.relays[0].host", () -> "127.0.0.1");
        registry.add("crier.smtp.relays[0].port", LIMITED::port);
        registry.add("crier.smtp.relays[0].max-rate", () -> LIMITED_RATE);
        registry.add("crier.smtp.relays[0].max-connections", () -> 2);
        registry.add("crier.smtp.relays[1].name", () -> "tls");
        registry.add("crier.smtp.relays[1].host", () -> "127.0.0.1");
        registry.add("crier.smtp.relays[1].port", TLS::port);
        registry.add("crier.smtp.relays[1].security", () -> "starttls");
        registry.add("crier.smtp.relays[1].trust", () -> "127.0.0.1");
        registry.add("crier.smtp.relays[1].max-connections", () -> 2);
    }

    @AfterAll
    static void stopServers() throws IOException {
        LIMITED.close();
        TLS.close();
    }

    @Test
    void bothRelaysGetMailTheLimitedOneAtItsRateTheOtherOverTlsAndEveryRecipientOnce() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, 200).mapToObj(i -> "m" + i + "-" + tag + "@example.org").toList();
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));

        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sent");

        List<Received> limited = LIMITED.received().stream().filter(r -> emails.contains(r.recipient())).toList();
        List<String> overTls = TLS.recipients().stream().filter(emails::contains).toList();
        assertThat(limited).hasSizeGreaterThan(LIMITED_RATE);
        assertThat(overTls).isNotEmpty();
        List<String> all = new ArrayList<>(overTls);
        limited.forEach(r -> all.add(r.recipient()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        assertThat(busiestSecond(limited)).as("messages in any one second at the limited relay")
                .isLessThanOrEqualTo(LIMITED_RATE + 2);
    }

    /** The most messages accepted within any one-second window. */
    private static int busiestSecond(List<Received> received) {
        long[] times = received.stream().mapToLong(Received::acceptedAtNanos).sorted().toArray();
        long second = Duration.ofSeconds(1).toNanos();
        int busiest = 0;
        for (int first = 0, last = 0; last < times.length; last++) {
            while (times[last] - times[first] >= second) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    private static ScriptedSmtpServer scripted() {
        try {
            return new ScriptedSmtpServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
