package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.crier.delivery.engine.OutcomeRecorder;
import io.crier.support.CampaignRun;
import io.crier.support.Caller;
import io.crier.support.CrierProcess;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.Rounds;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * A Crier process killed with SIGKILL in the middle of a campaign, and a new one started on the
 * same database: no recipient is lost, and the only recipients mailed twice are those in the
 * duplicate window, the messages the relay had accepted whose outcome was not yet in the ledger.
 * That window is read from the ledger while no node runs and must stay within the bound the docs
 * state (docs/delivery-guarantees.md), the same on both databases: an outcome batch is durable
 * before it counts as recorded (on H2 through a CHECKPOINT after each flush). On PostgreSQL the
 * node restarts under its own id and takes its claims back at once; on H2 a node with a new id
 * finds them when their lease runs out.
 */
@Tag("cluster")
class CrashRecoveryTest {

    static final int CONNECTIONS = 4;
    static final int AUDIENCE = 400;
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration RATE_SPAN = Duration.ofMillis(500);
    /**
     * How long an outcome may wait, after the relay accepted the message, until it is committed:
     * the batch being written and the one filling behind it (the recorder flushes every 25 ms),
     * and 50 ms for a 2-core machine that is busy with other work. docs/delivery-guarantees.md
     * states the same bound.
     */
    static final Duration OUTCOME_LATENCY = Duration.ofMillis(4 * OutcomeRecorder.FLUSH_EVERY_MILLIS);
    final List<CrierProcess> processes = new CopyOnWriteArrayList<>();
    ScriptedSmtpServer smtp;

    @BeforeEach
    void startRelay() throws IOException {
        smtp = new ScriptedSmtpServer();
        smtp.delayEachMessage(20);
    }

    @AfterEach
    void stopEverything() throws IOException {
        processes.forEach(CrierProcess::close);
        smtp.close();
    }

    @Test
    void onPostgresNoRecipientIsLostAndOnlyTheWindowIsMailedTwice() throws Exception {
        String url = PostgresTestDatabase.sibling("crash");
        Ledger ledger = new Ledger(url, PostgresTestDatabase.user(), PostgresTestDatabase.password());
        crashAndRecover(ledger, Map.of(
                "crier.database.url", url,
                "crier.database.username", PostgresTestDatabase.user(),
                "crier.database.password", PostgresTestDatabase.password()), "crash-node", "crash-node");
    }

    @Test
    void onEmbeddedH2NoRecipientIsLostAndOnlyTheWindowIsMailedTwice() throws Exception {
        Path dataDir = Path.of("target", "test-data", "crash-" + UUID.randomUUID()).toAbsolutePath();
        String url = "jdbc:h2:file:" + dataDir.resolve("crier") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        crashAndRecover(new Ledger(url, "crier", ""), Map.of("crier.data-dir", dataDir.toString()),
                "crash-first", "crash-second");
    }

    private void crashAndRecover(Ledger ledger, Map<String, String> database, String firstNode, String secondNode)
            throws Exception {
        Map<String, String> settings = new HashMap<>(database);
        settings.putAll(Map.of(
                "crier.smtp.host", "127.0.0.1",
                "crier.smtp.port", Integer.toString(smtp.port()),
                "crier.smtp.max-connections", Integer.toString(CONNECTIONS),
                // Short, so the claims of the killed node return to the queue soon after the restart.
                "crier.delivery.lease-duration", "5s",
                "crier.delivery.self-fence-after", "2s",
                "crier.delivery.heartbeat-interval", "500ms",
                "crier.delivery.idle-poll", "50ms"));
        CrierProcess first = start(firstNode, settings);
        Caller caller = first.api().newWorkspace();
        CampaignRun run = CampaignRun.create(caller, smtp, AUDIENCE);
        run.control(caller, "send").expect(200);
        run.awaitReceived(mail -> mail.size() >= AUDIENCE / 4, Duration.ofSeconds(60));

        long killedAt = System.nanoTime();
        first.kill();
        // A message whose data was complete when the sender died is still accepted by the relay.
        int acceptedAtCrash = run.awaitRelayClosed(Duration.ofSeconds(10));
        List<Received> beforeCrash = run.received();
        double rate = rateBefore(killedAt, beforeCrash);
        Set<String> accepted = beforeCrash.stream().map(Received::recipient).collect(Collectors.toSet());
        Set<String> recorded = ledger.sentTo(UUID.fromString(run.id()));
        assertThat(accepted).as("no recipient mailed twice before the crash").hasSize(acceptedAtCrash);
        assertThat(accepted).as("the ledger records only what the relay accepted").containsAll(recorded);
        Set<String> window = new HashSet<>(accepted);
        window.removeAll(recorded);

        CrierProcess second = start(secondNode, settings);
        run = run.on(second.as(caller));
        run.awaitStatus("sent", Duration.ofSeconds(60));
        run.awaitDispatched(List.of(Rounds.of(second.api())), Duration.ofSeconds(10));

        List<Received> all = run.received();
        Set<String> mailed = all.stream().map(Received::recipient).collect(Collectors.toSet());
        int duplicates = all.size() - mailed.size();
        int bound = CONNECTIONS + (int) Math.ceil(rate * OUTCOME_LATENCY.toMillis() / 1000.0);
        System.out.printf("Crash test (%s): %d accepted before SIGKILL at %.0f msg/s, %d of them unrecorded;"
                + " %d duplicates after recovery; bound %d%n", ledger.url(), acceptedAtCrash, rate, window.size(),
                duplicates, bound);
        assertThat(mailed).as("no recipient lost").containsExactlyInAnyOrderElementsOf(run.emails());
        assertThat(duplicates).as("recipients mailed twice are exactly the unrecorded window").isEqualTo(window.size());
        assertThat(window.size()).as("duplicate window").isLessThanOrEqualTo(bound);
        assertThat(run.deliveries("claimed")).isZero();
        assertThat(run.deliveries("sent")).isEqualTo(AUDIENCE);
    }

    private CrierProcess start(String name, Map<String, String> settings) {
        CrierProcess process = CrierProcess.start(name, settings);
        processes.add(process);
        return process.awaitReady(STARTUP);
    }

    /** How many outcomes may be on their way to PostgreSQL at this many messages a second. */
    static int unflushedAt(double perSecond) {
        return (int) Math.ceil(perSecond * OUTCOME_LATENCY.toMillis() / 1000.0);
    }

    /** Messages per second the relay accepted in the {@link #RATE_SPAN} before {@code instant}. */
    static double rateBefore(long instant, List<Received> mail) {
        long since = instant - RATE_SPAN.toNanos();
        long count = mail.stream().mapToLong(Received::acceptedAtNanos).filter(t -> t > since && t <= instant).count();
        return count * 1e9 / RATE_SPAN.toNanos();
    }

    /** The ledger read directly, while no node is running. */
    private record Ledger(String url, String user, String password) {

        Set<String> sentTo(UUID campaignId) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    PreparedStatement query = connection.prepareStatement(
                            "select email from delivery where campaign_id = ? and status = 'sent'")) {
                query.setObject(1, campaignId);
                Set<String> emails = new HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        emails.add(rows.getString(1));
                    }
                }
                return emails;
            }
        }
    }
}
