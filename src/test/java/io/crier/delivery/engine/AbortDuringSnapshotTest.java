package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.Timestamps;
import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * An abort while the campaign's audience is still being queued answers at once: it does not wait
 * for the range a worker is queuing (on H2 that wait gave up after 2 s and the abort answered 500;
 * on PostgreSQL it lasted as long as the range). What that range queues, committed after the abort,
 * ends cancelled and counted in the audience, and nothing more of the campaign is sent. A pause
 * meanwhile does not touch the snapshot and answers at once too. The test plays the worker holding
 * the range, with the engine's own code, and keeps it open until the abort has answered.
 */
class AbortDuringSnapshotTest extends ClockedEngineCase {

    private static final Map<String, Object> ONE_A_MINUTE = Map.of("sendMode", "gradual",
            "gradual", Map.of("perMinute", 1));
    /** Contacts before the start, contacts added after it, and the ranges they are cut in: each holds some added. */
    private static final int FIRST = 3;
    private static final int LATE = 20;
    private static final int RANGE = FIRST + 1;
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @Autowired
    AudienceSnapshots snapshots;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAbortWhileARangeIsBeingQueuedAnswersAtOnceAndWhatThatRangeQueuesEndsCancelledAndCounted()
            throws Exception {
        CountDownLatch abortAnswered = new CountDownLatch(1);
        // Threads of their own: the common pool has a single thread on a 2-core machine.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        // As an engine worker queues a range: it holds the range's row until it commits, after the abort.
        HeldRange held = HeldRange.hold(transactions, threads, this::startedWithRangesCut,
                tried -> snapshots.queueCutRange(tried, Timestamps.now(clock)), abortAnswered, status -> { });
        UUID campaign = held.campaign();
        CompletableFuture<Void> worker = held.worker();
        String id = campaign.toString();
        List<String> audience = jdbc.sql("select email from contact where workspace_id = :workspace")
                .param("workspace", UUID.fromString(caller.workspaceId())).query(String.class).list();
        List<Received> receivedBeforeAbort;
        try {
            assertThat(control(threads, id, "pause")).as("the pause answered while a range was under way")
                    .isEqualTo(200);
            receivedBeforeAbort = received(audience);
            assertThat(control(threads, id, "abort")).as("the abort answered while a range was under way")
                    .isEqualTo(200);
        } finally {
            abortAnswered.countDown();
            worker.get(30, TimeUnit.SECONDS);
            threads.close();
        }

        // The held range committed after the abort: its deliveries are cancelled once it is counted.
        UUID aborted = campaign;
        Eventually.await("the snapshot ended and nothing left waiting", Duration.ofSeconds(30),
                () -> snapshots.underWay().contains(aborted) || waiting(aborted) > 0, open -> !open);
        assertThat(ranges(campaign)).isZero();
        assertThat(caller.get("/v1/campaigns/" + id).expect(200).data().path("status").asString())
                .isEqualTo("aborted");
        // The abort dropped the ranges nobody had queued yet; every range queued, the late one too, is counted once.
        assertThat(caller.get("/v1/campaigns/" + id).expect(200).data().path("metrics").path("totalContacts").asInt())
                .as("the audience counts every delivery queued").isEqualTo(deliveries(campaign, "status is not null"))
                .isGreaterThan(FIRST);
        assertThat(deliveries(campaign, "status = 'cancelled'")).as("all but what went out before the abort cancelled")
                .isEqualTo(deliveries(campaign, "status <> 'sent'"));
        assertThat(received(audience)).as("nothing sent after the abort").isEqualTo(receivedBeforeAbort);
    }

    /**
     * A campaign sending slowly (the test clock stands still, so it keeps some of its first
     * contacts queued); its list then grows, and a snapshot of it is cut in ranges, each holding
     * some of the contacts added.
     */
    private UUID startedWithRangesCut() {
        String list = Audiences.list(caller, addresses("first" + attempt(), FIRST));
        String id = Audiences.campaign(caller, ONE_A_MINUTE, list);
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sending_gradual");
        caller.post("/v1/contacts/bulk", Map.of("contacts", addresses("late" + attempt(), LATE).stream()
                .map(email -> Map.of("email", email)).toList(), "listIds", List.of(list))).expect(200);
        UUID campaign = UUID.fromString(id);
        UUID workspace = UUID.fromString(caller.workspaceId());
        transactions.executeWithoutResult(status -> {
            snapshots.begin(campaign, workspace, Timestamps.now(clock));
            int cut = 0;
            while (cut < FIRST + LATE && snapshots.cutNextRange(campaign, RANGE)) {
                cut++;
            }
        });
        return campaign;
    }

    /** Tells one attempt's addresses from another's. */
    private static String attempt() {
        return UUID.randomUUID().toString().substring(0, 4);
    }

    /** The call's HTTP status; waiting longer than {@link #PROMPT} fails the test (PostgreSQL waited, before the fix). */
    private int control(ExecutorService threads, String id, String action) throws Exception {
        return CompletableFuture.supplyAsync(() -> caller.post("/v1/campaigns/" + id + "/" + action).status(), threads)
                .get(PROMPT.toSeconds(), TimeUnit.SECONDS);
    }

    private List<Received> received(List<String> recipients) {
        Set<String> wanted = Set.copyOf(recipients);
        return smtp.received().stream().filter(mail -> wanted.contains(mail.recipient())).toList();
    }

    private int ranges(UUID campaign) {
        return jdbc.sql("select count(*) from audience_chunk where campaign_id = :id")
                .param("id", campaign).query(Integer.class).single();
    }

    private int waiting(UUID campaign) {
        return deliveries(campaign, "status in ('queued', 'deferred', 'claimed')");
    }

    private int deliveries(UUID campaign, String condition) {
        return jdbc.sql("select count(*) from delivery where campaign_id = :id and " + condition)
                .param("id", campaign).query(Integer.class).single();
    }
}
