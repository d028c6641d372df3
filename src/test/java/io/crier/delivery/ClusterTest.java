package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.crier.support.CampaignRun;
import io.crier.support.Caller;
import io.crier.support.CrierProcess;
import io.crier.support.Eventually;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.Reply;
import io.crier.support.Rounds;
import io.crier.support.ScriptedSmtpServer;
import io.crier.support.ScriptedSmtpServer.Received;
import io.crier.support.TcpProxy;

/**
 * Three Crier processes on one PostgreSQL database, sending through one SMTP relay: they share a
 * campaign's work, and pause, resume, abort and scheduled start keep their guarantees across
 * them, also when a node is cut off from the database. Each node names itself in EHLO, so the
 * relay can tell who sent what; node-c reaches the database through a proxy the test can cut.
 * Tagged {@code cluster}: the build runs it in its PostgreSQL execution only.
 * <p>
 * The nodes run with short fencing times, so a cut-off node costs seconds, not the defaults'
 * tens of seconds: they stop sending 2 s after their last heartbeat, are taken for dead after
 * 4 s, and lose their claims 4 s after their last renewal. Node-a waits at most 2 s for the
 * others to confirm a pause (then it answers 503).
 */
@Tag("cluster")
class ClusterTest {

    static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    static final int CONNECTIONS = 4;
    static final Duration SELF_FENCE_AFTER = Duration.ofSeconds(2);
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);
    /** Shorter than the time a node cut off is still taken for live (NODE_TIMEOUT after its last heartbeat). */
    static final Duration FENCE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration STARTUP = Duration.ofSeconds(120);
    static final Duration CAMPAIGN = Duration.ofSeconds(60);
    static final List<CrierProcess> NODES = new CopyOnWriteArrayList<>();
    static ScriptedSmtpServer smtp;
    static TcpProxy databaseLinkOfC;
    static String database;

    Caller onA;
    Caller onB;
    Caller onC;

    @BeforeAll
    static void startNodes() throws IOException {
        smtp = new ScriptedSmtpServer();
        database = PostgresTestDatabase.sibling("nodes");
        URI server = URI.create(database.substring("jdbc:".length()));
        databaseLinkOfC = new TcpProxy(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
        String throughProxy = "jdbc:postgresql://127.0.0.1:" + databaseLinkOfC.port() + server.getRawPath()
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
        for (String name : NAMES) {
            NODES.add(CrierProcess.start(name, settings(name, name.equals("node-c") ? throughProxy : database)));
        }
        NODES.forEach(node -> node.awaitReady(STARTUP));
    }

    /** A node's settings; node-a waits at most FENCE_TIMEOUT for the other nodes to confirm a pause. */
    private static Map<String, String> settings(String name, String databaseUrl) {
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("crier.database.url", databaseUrl),
                Map.entry("crier.database.username", PostgresTestDatabase.user()),
                Map.entry("crier.database.password", PostgresTestDatabase.password()),
                Map.entry("crier.smtp.host", "127.0.0.1"),
                Map.entry("crier.smtp.port", Integer.toString(smtp.port())),
                Map.entry("crier.smtp.max-connections", Integer.toString(CONNECTIONS)),
                Map.entry("crier.smtp.helo-name", name),
                Map.entry("crier.delivery.idle-poll", "50ms"),
                Map.entry("crier.delivery.heartbeat-interval", "500ms"),
                Map.entry("crier.delivery.self-fence-after", SELF_FENCE_AFTER.toSeconds() + "s"),
                Map.entry("crier.delivery.node-timeout", NODE_TIMEOUT.toSeconds() + "s"),
                Map.entry("crier.delivery.lease-duration", "4s")));
        if (name.equals("node-a")) {
            settings.put("crier.delivery.fence-timeout", FENCE_TIMEOUT.toSeconds() + "s");
        }
        return settings;
    }

    @AfterAll
    static void stopNodes() throws IOException {
        NODES.forEach(CrierProcess::close);
        if (databaseLinkOfC != null) {
            databaseLinkOfC.close();
        }
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
    void pauseOnOneNodeStopsEveryNodeAndResumeOnAnotherMailsEachRecipientExactlyOnce() {
        CampaignRun run = CampaignRun.create(onA, smtp, 500);
        run.control(onA, "send").expect(200);
        run.awaitReceived(mail -> sentByEveryNode(mail) && mail.size() >= 60, CAMPAIGN);

        Reply paused = run.control(onB, "pause").expect(200);
        long pauseReturned = System.nanoTime();
        assertThat(paused.data().path("status").asString()).isEqualTo("paused");
        run.awaitNothingClaimed(CAMPAIGN);
        int atPause = run.received().size();
        assertThat(run.mailFromTimes()).allSatisfy(begun -> assertThat(begun).isLessThan(pauseReturned));
        assertThat(atPause).isLessThan(run.emails().size());
        run.awaitDispatched(everyNode(), CAMPAIGN);
        assertThat(run.received()).hasSize(atPause);
        // A send that failed for a passing reason (a relay slow to answer on a loaded machine, say)
        // waits as deferred, not queued.
        assertThat(run.deliveries("queued") + run.deliveries("deferred"))
                .as("exactly the unsent deliveries wait to be sent").isEqualTo(run.emails().size() - atPause);

        run.control(onC, "resume").expect(200);
        run.awaitStatus("sent", CAMPAIGN);
        run.awaitDispatched(everyNode(), CAMPAIGN);
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
        run.awaitNothingClaimed(CAMPAIGN);
        int received = run.received().size();

        assertThat(run.mailFromTimes()).allSatisfy(begun -> assertThat(begun).isLessThan(abortReturned));
        assertThat(run.received()).extracting(Received::recipient).doesNotHaveDuplicates();
        int cancelled = run.deliveries("cancelled");
        assertThat(received + cancelled).isEqualTo(run.emails().size());
        assertThat(cancelled).isPositive();
        assertThat(run.awaitStatus("aborted", CAMPAIGN).data().path("status").asString()).isEqualTo("aborted");
    }

    @Test
    void aScheduledCampaignIsStartedOnceWhileEveryNodeWatchesTheClock() {
        smtp.delayEachMessage(0);
        CampaignRun run = CampaignRun.create(onA, smtp, 200);
        Instant startAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);

        Reply scheduled = run.control(onB, "send", Map.of("scheduledAt", startAt.toString())).expect(200);
        assertThat(scheduled.data().path("status").asString()).isEqualTo("scheduled");
        // Every node's housekeeper (a round a second) has looked at the campaign before its time.
        everyNode().stream().map(node -> node.mark(Rounds.HOUSEKEEPER)).toList()
                .forEach(Rounds.Mark::awaitFullRound);
        assertThat(Instant.now()).as("still before scheduledAt: the checks below mean something").isBefore(startAt);
        assertThat(run.deliveries(null)).as("no audience queued before scheduledAt").isZero();
        assertThat(run.received()).as("nothing is sent before scheduledAt").isEmpty();

        Reply sent = run.awaitStatus("sent", CAMPAIGN);
        run.awaitDispatched(everyNode(), CAMPAIGN);
        assertThat(run.received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(run.emails());
        assertThat(run.deliveries(null)).isEqualTo(run.emails().size());
        assertThat(sent.data().path("metrics").path("totalContacts").asInt()).isEqualTo(run.emails().size());
    }

    @Test
    void aSlowRelayDoesNotMakeTheClaimsOfLiveNodesExpire() {
        // Each node claims 3 messages per connection (1 sending, 2 queued); at 2 s a message the
        // last of them begin 4 s after the claim, when an unrenewed lease would have run out.
        smtp.delayEachMessage(2_000);
        CampaignRun run = CampaignRun.create(onA, smtp, NAMES.size() * CONNECTIONS * 3);
        run.control(onA, "send").expect(200);

        run.awaitStatus("sent", CAMPAIGN);
        run.awaitDispatched(everyNode(), CAMPAIGN);
        assertThat(run.received()).extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(run.emails());
    }

    @Test
    void aNodeCutOffFromTheDatabaseStopsSendingBeforeAPauseStopsWaitingForIt() throws Exception {
        CampaignRun run = CampaignRun.create(onA, smtp, 500);
        run.control(onA, "send").expect(200);
        run.awaitReceived(mail -> sentByEveryNode(mail) && mail.size() >= 60, CAMPAIGN);
        // Slow enough that node-c's claims (3 rounds of 2 s) would keep it sending past the pause
        // (4 s) if nothing fenced it; the cut comes once every node sends at that pace: the relay
        // has held a message of each for the whole delay (one it finished earlier was accepted sooner).
        Duration slow = Duration.ofSeconds(2);
        long slowFrom = System.nanoTime();
        smtp.delayEachMessage(slow.toMillis());
        run.awaitReceived(mail -> NAMES.stream().allMatch(node -> mail.stream().anyMatch(received ->
                received.client().equals(node) && received.acceptedAtNanos() - slowFrom >= slow.toNanos())), CAMPAIGN);

        long cutAt = System.nanoTime();
        databaseLinkOfC.cut();
        Reply paused = run.control(onB, "pause").expect(200);
        long pauseReturned = System.nanoTime();
        assertThat(paused.data().path("status").asString()).isEqualTo("paused");
        assertThat(Duration.ofNanos(pauseReturned - cutAt)).as("the pause waits for node-c until it is taken for dead")
                .isLessThan(NODE_TIMEOUT.plusSeconds(3));
        // Node-c has fenced itself by now; its claims come back to the queue when their leases run out.
        run.awaitDispatched(connectedNodes(), CAMPAIGN);
        assertThat(run.mailFromTimes()).allSatisfy(begun -> assertThat(begun).isLessThan(pauseReturned));
        // Its last heartbeat began before the cut, so node-c began nothing after cut + self-fence-after
        // (System.nanoTime is the machine's monotonic clock in every JVM on Linux; 250 ms for the wire).
        long fencedBy = cutAt + SELF_FENCE_AFTER.plusMillis(250).toNanos();
        assertThat(run.mailFromTimes("node-c")).allSatisfy(begun -> assertThat(begun).isLessThan(fencedBy));

        smtp.delayEachMessage(30);
        databaseLinkOfC.heal();
        NODES.get(2).awaitReady(CAMPAIGN);
        run.control(onA, "resume").expect(200);
        run.awaitStatus("sent", CAMPAIGN);
        run.awaitDispatched(everyNode(), CAMPAIGN);

        List<Received> all = run.received();
        Set<String> mailed = all.stream().map(Received::recipient).collect(Collectors.toSet());
        int duplicates = all.size() - mailed.size();
        // At most what node-c held when it was cut off: one message per connection in flight,
        // two per connection queued, and the outcomes not yet flushed.
        int bound = 3 * CONNECTIONS + CrashRecoveryTest.unflushedAt(perNodeRate(all, "node-c", cutAt));
        System.out.printf("Cluster partition: pause returned %d ms after the cut; %d duplicates (bound %d)%n",
                Duration.ofNanos(pauseReturned - cutAt).toMillis(), duplicates, bound);
        assertThat(mailed).as("no recipient lost").containsExactlyInAnyOrderElementsOf(run.emails());
        assertThat(duplicates).isLessThanOrEqualTo(bound);
        assertThat(run.deliveries("claimed")).isZero();
    }

    @Test
    void aPauseThatALiveNodeCannotConfirmInTimeAnswers503InEveryDialectAndARetryWaitsForTheFenceAgain()
            throws Exception {
        smtp.delayEachMessage(200);
        CampaignRun run = CampaignRun.create(onA, smtp, 500);
        run.control(onA, "send").expect(200);
        run.awaitReceived(mail -> sentByEveryNode(mail) && mail.size() >= 24, CAMPAIGN);
        run.control(onA, "pause").expect(200);
        run.control(onA, "resume").expect(200);

        databaseLinkOfC.cut();
        long cutAt = System.nanoTime();
        // Node-c's last heartbeat came at most one interval (500 ms) before the cut, and the others take
        // it for live until NODE_TIMEOUT after that: it confirms nothing, and node-a gives up after FENCE_TIMEOUT.
        String path = "/campaigns/" + run.id() + "/pause";
        List<TimedCall> calls = TimedCall.allAtOnce(
                () -> onA.post("/v1" + path),
                () -> onA.basic().patch("/blueshift/api/v1" + path, null),
                () -> onA.post("/leadterra/v1" + path));
        Duration takenForLiveUntil = NODE_TIMEOUT.minusMillis(500);
        for (TimedCall call : calls) {
            assertThat(call.reply().status()).as("answer to a pause node-c cannot confirm: %s", call.reply().body())
                    .isEqualTo(503);
            assertThat(call.took()).as("time to the answer").isGreaterThanOrEqualTo(FENCE_TIMEOUT)
                    .isLessThan(takenForLiveUntil);
        }
        assertThat(calls.get(0).reply().error().path("code").asString()).isEqualTo("FENCE_NOT_CONFIRMED");
        assertThat(calls.get(0).reply().error().path("message").asString())
                .contains("The campaign is paused", "not every node has confirmed", "A retry is safe");
        assertThat(calls.get(1).reply().json().path("message").asString()).contains("The campaign is paused");
        assertThat(calls.get(2).reply().json().path("error").path("code").asString()).isEqualTo("fence_not_confirmed");
        assertThat(run.awaitStatus("paused", CAMPAIGN)).isNotNull();

        // Once node-c has stood still for NODE_TIMEOUT it is taken for dead (and has fenced itself).
        Reply retried = Eventually.await("a retried pause to answer 200", CAMPAIGN, () -> run.control(onA, "pause"),
                reply -> reply.status() != 503);
        long confirmed = System.nanoTime();
        retried.expect(200);
        assertThat(Duration.ofNanos(confirmed - cutAt)).as("time from the cut to the confirmed pause")
                .isGreaterThanOrEqualTo(takenForLiveUntil);
        run.awaitDispatched(connectedNodes(), CAMPAIGN);
        assertThat(run.mailFromTimes()).allSatisfy(begun -> assertThat(begun).isLessThan(confirmed));

        databaseLinkOfC.heal();
        NODES.get(2).awaitReady(CAMPAIGN);
        smtp.delayEachMessage(30);
        run.control(onB, "resume").expect(200);
        run.awaitStatus("sent", CAMPAIGN);
        run.awaitDispatched(everyNode(), CAMPAIGN);
        assertThat(run.received().stream().map(Received::recipient).collect(Collectors.toSet()))
                .as("no recipient lost").containsExactlyInAnyOrderElementsOf(run.emails());
    }

    @Test
    void aSecondNodeUnderTheIdOfALiveOneRefusesToStart() throws Exception {
        try (CrierProcess twin = CrierProcess.start("node-b", settings("node-b", database))) {
            assertThatThrownBy(() -> twin.awaitReady(STARTUP)).hasMessageContaining("exited");
            assertThat(twin.log()).contains("Another running node uses the node id 'node-b'",
                    "crier.delivery.node-id (CRIER_DELIVERY_NODE_ID)");
        }
        try (Connection connection = DriverManager.getConnection(database, PostgresTestDatabase.user(),
                PostgresTestDatabase.password());
                ResultSet row = connection.createStatement().executeQuery("select count(*) from node where id = 'node-b'")) {
            row.next();
            assertThat(row.getInt(1)).as("the live node-b's row, neither taken over nor removed").isEqualTo(1);
        }
    }

    /** A call that answered, and how long it took. */
    private record TimedCall(Reply reply, Duration took) {

        /** Makes every call at the same time, each on a thread of its own. */
        @SafeVarargs
        static List<TimedCall> allAtOnce(Supplier<Reply>... calls) throws Exception {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<TimedCall>> answers = new ArrayList<>();
                for (Supplier<Reply> call : calls) {
                    answers.add(threads.submit(() -> {
                        long started = System.nanoTime();
                        Reply reply = call.get();
                        return new TimedCall(reply, Duration.ofNanos(System.nanoTime() - started));
                    }));
                }
                List<TimedCall> timed = new ArrayList<>();
                for (Future<TimedCall> answer : answers) {
                    timed.add(answer.get());
                }
                return timed;
            }
        }
    }

    /** Messages per second one node delivered in the half second before {@code instant}. */
    private static double perNodeRate(List<Received> mail, String node, long instant) {
        return CrashRecoveryTest.rateBefore(instant, mail.stream().filter(r -> r.client().equals(node)).toList());
    }

    /** The dispatcher and housekeeper rounds of every node. */
    private static List<Rounds> everyNode() {
        return NODES.stream().map(node -> Rounds.of(node.api())).toList();
    }

    /** Every node but node-c, whose database link the test cuts (a node cut off makes no rounds). */
    private static List<Rounds> connectedNodes() {
        return NODES.stream().filter(node -> !node.name().equals("node-c")).map(node -> Rounds.of(node.api()))
                .toList();
    }

    private static boolean sentByEveryNode(List<Received> mail) {
        return mail.stream().map(Received::client).distinct().count() == NAMES.size();
    }
}
