package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.crier.support.CampaignRun;
import io.crier.support.Caller;
import io.crier.support.CrierProcess;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.Reply;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * Three Crier processes on one PostgreSQL database, sending through one SMTP relay: they share a
 * campaign's work, and pause, resume, abort and scheduled start keep their guarantees across
 * them. Each node names itself in EHLO, so the relay can tell who sent what. Tagged
 * {@code cluster}: the build runs it in its PostgreSQL execution only.
 */
@Tag("cluster")
class ClusterTest {

    static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    static final Duration STARTUP = Duration.ofSeconds(120);
    static final Duration CAMPAIGN = Duration.ofSeconds(60);
    static final List<CrierProcess> NODES = new CopyOnWriteArrayList<>();
    static ScriptedSmtpServer smtp;

    Caller onA;
    Caller onB;
    Caller onC;

    @BeforeAll
    static void startNodes() throws IOException {
        smtp = new ScriptedSmtpServer();
        String database = PostgresTestDatabase.sibling("nodes");
        for (String name : NAMES) {
            NODES.add(CrierProcess.start(name, Map.of(
                    "crier.database.url", database,
                    "crier.database.username", PostgresTestDatabase.user(),
                    "crier.database.password", PostgresTestDatabase.password(),
                    "crier.smtp.host", "127.0.0.1",
                    "crier.smtp.port", Integer.toString(smtp.port()),
                    "crier.smtp.max-connections", "4",
                    "crier.smtp.helo-name", name,
                    "crier.delivery.idle-poll", "50ms")));
        }
        NODES.forEach(node -> node.awaitReady(STARTUP));
    }

    @AfterAll
    static void stopNodes() throws IOException {
        NODES.forEach(CrierProcess::close);
        if (smtp != null) {
            smtp.close();
        }
    }

    @BeforeEach
    void setUp() {
        onA = NODES.get(0).api().newWorkspace();
        onB = NODES.get(1).as(onA);
        onC = NODES.get(2).as(onA);
        smtp.delayEachMessage(30);
    }

    @Test
    void pauseOnOneNodeStopsEveryNodeAndResumeOnAnotherMailsEachRecipientExactlyOnce() throws Exception {
        CampaignRun run = CampaignRun.create(onA, smtp, 500);
        run.control(onA, "send").expect(200);
        run.awaitReceived(mail -> sentByEveryNode(mail) && mail.size() >= 60, CAMPAIGN);

        Reply paused = run.control(onB, "pause").expect(200);
        long pauseReturned = System.nanoTime();
        assertThat(paused.data().path("status").asString()).isEqualTo("paused");
        Thread.sleep(500);
        int atPause = run.received().size();
        assertThat(run.mailFromTimes()).allSatisfy(begun -> assertThat(begun).isLessThan(pauseReturned));
        assertThat(atPause).isLessThan(run.emails().size());
        Thread.sleep(300);
        assertThat(run.received()).hasSize(atPause);
        assertThat(run.deliveries("claimed")).as("claimed but unsent deliveries went back to the queue").isZero();
        assertThat(run.deliveries("queued")).isEqualTo(run.emails().size() - atPause);

        run.control(onC, "resume").expect(200);
        run.awaitStatus("sent", CAMPAIGN);
        assertThat(run.received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(run.emails());
        System.out.printf("Cluster pause/resume: %d of %d sent before the pause; per node %s%n", atPause,
                run.emails().size(), run.receivedPerClient());
    }

    @Test
    void abortOnOneNodeCancelsEverythingNotYetBegunOnAnyNode() {
        CampaignRun run = CampaignRun.create(onA, smtp, 500);
        run.control(onB, "send").expect(200);
        run.awaitReceived(mail -> sentByEveryNode(mail) && mail.size() >= 60, CAMPAIGN);

        run.control(onC, "abort").expect(200);
        long abortReturned = System.nanoTime();
        int received = run.awaitSettled(CAMPAIGN);

        assertThat(run.mailFromTimes()).allSatisfy(begun -> assertThat(begun).isLessThan(abortReturned));
        assertThat(run.received()).extracting(Received::recipient).doesNotHaveDuplicates();
        int cancelled = run.deliveries("cancelled");
        assertThat(received + cancelled).isEqualTo(run.emails().size());
        assertThat(cancelled).isPositive();
        assertThat(run.awaitStatus("aborted", CAMPAIGN).data().path("status").asString()).isEqualTo("aborted");
    }

    @Test
    void aScheduledCampaignIsStartedOnceWhileEveryNodeWatchesTheClock() throws Exception {
        smtp.delayEachMessage(0);
        CampaignRun run = CampaignRun.create(onA, smtp, 200);
        Instant startAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);

        Reply scheduled = run.control(onB, "send", Map.of("scheduledAt", startAt.toString())).expect(200);
        assertThat(scheduled.data().path("status").asString()).isEqualTo("scheduled");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), startAt).toMillis() - 1_000));
        assertThat(run.received()).as("nothing is sent before scheduledAt").isEmpty();

        Reply sent = run.awaitStatus("sent", CAMPAIGN);
        assertThat(run.received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(run.emails());
        assertThat(run.deliveries(null)).isEqualTo(run.emails().size());
        assertThat(sent.data().path("metrics").path("totalContacts").asInt()).isEqualTo(run.emails().size());
    }

    private static boolean sentByEveryNode(List<Received> mail) {
        return mail.stream().map(Received::client).distinct().count() == NAMES.size();
    }
}
