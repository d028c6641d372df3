package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.Rounds;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * The engine's own timekeeping when the application clock jumps days ahead, far past the lease,
 * the node timeout and any retry backoff: claims in flight must not expire (or their recipients
 * would be mailed twice) and the pause fence must still see this node as alive.
 */
class ClockJumpTest extends ClockedEngineCase {

    private static final Duration JUMP = Duration.ofDays(3);

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void fastRelay() {
        smtp.delayEachMessage(0);
    }

    @Test
    void aJumpMidSendExpiresNoLiveClaimAndEveryRecipientIsMailedOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = addresses("j", 300);
        smtp.delayEachMessage(80);
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.await("sending under way", Duration.ofSeconds(20), () -> received(emails).size(), n -> n >= 30);

        clock.advance(JUMP);
        // A housekeeper round sees the jump: a claim it took for expired would be mailed again.
        rounds.awaitFullRound(Rounds.HOUSEKEEPER);
        clock.advance(JUMP);
        long pauseCalled = System.nanoTime();
        caller.post("/v1/campaigns/" + id + "/pause").expect(200);
        long pauseReturned = System.nanoTime();
        int atPause = received(emails).size();
        assertThat(atPause).as("still sending when paused").isLessThan(emails.size());
        assertThat(Duration.ofNanos(pauseReturned - pauseCalled)).isLessThan(Duration.ofSeconds(5));
        awaitDispatched(emails);
        assertThat(smtp.mailFromTimes()).allSatisfy(t -> assertThat(t).isLessThan(pauseReturned));

        caller.post("/v1/campaigns/" + id + "/resume").expect(200);
        Eventually.status(caller, id, "sent");
        Map<String, Long> copies = received(emails).stream()
                .collect(Collectors.groupingBy(Received::recipient, Collectors.counting()));
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(copies.values()).as("copies per recipient").containsOnly(1L);
    }

    @Test
    void thePauseFenceStillCountsThisNodeAliveAfterAJumpBeyondTheNodeTimeout() {
        clock.advance(JUMP);
        // A pause on another node waits for this one: asked from a registry under another id.
        NodeRegistry another = new NodeRegistry(jdbc, new DeliveryProperties("another-" + UUID.randomUUID(),
                Duration.ofMinutes(6), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(6),
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), 5, Duration.ofMinutes(1),
                Duration.ofHours(1), null, 2));

        assertThat(another.otherNodesBehind(Long.MAX_VALUE)).as("live nodes that have not applied a future version")
                .isPositive();
    }

    private List<Received> received(List<String> emails) {
        var mine = new HashSet<>(emails);
        return smtp.received().stream().filter(r -> mine.contains(r.recipient())).toList();
    }
}
