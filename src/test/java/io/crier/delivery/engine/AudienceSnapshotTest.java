package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignCounters;
import io.crier.shared.Timestamps;
import io.crier.support.Audiences;
import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PostgresTestDatabase;

/**
 * The audience is queued in chunks, each committed with its cursor: an audience larger than the
 * start's own chunk is queued whole and once, a chunk whose transaction dies is taken again
 * (nothing lost, nothing twice), a contact enrolled meanwhile keeps its one delivery, workers queue
 * one audience side by side, and a chunk under way holds no lock that another campaign's pause,
 * or its own campaign's figures, wait for.
 */
class AudienceSnapshotTest extends ClockedEngineCase {

    /** More than the start's own chunk, so the snapshotter queues the rest. */
    static final int AUDIENCE = CampaignStarter.FIRST_CHUNK + 500;

    @Autowired
    AudienceSnapshots snapshots;

    @Autowired
    LedgerLateEnrolments enrolments;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CampaignCounters counters;

    @Autowired
    Claimer claimer;

    @Test
    void byDefaultANodeRunsOneSnapshotWorkerOnTheEmbeddedH2AndTwoOnPostgres() {
        boolean postgres = PostgresTestDatabase.suiteUrl().startsWith("jdbc:postgresql:");

        assertThat(claimer.snapshotWorkers()).isEqualTo(postgres ? 2 : 1);
    }

    @Test
    void anAudienceLargerThanTheFirstChunkIsSentWholeAndOnceBeforeTheCampaignCompletes() {
        CampaignRun run = CampaignRun.create(caller, smtp, AUDIENCE);

        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", Duration.ofSeconds(60));

        assertThat(run.received()).hasSize(AUDIENCE);
        assertThat(run.received().stream().map(r -> r.recipient()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(run.emails());
        assertThat(caller.get("/v1/campaigns/" + run.id()).expect(200).data().path("metrics").path("totalContacts")
                .asInt()).isEqualTo(AUDIENCE);
    }

    @Test
    void aChunkWhoseTransactionDiesIsTakenAgainAndAContactEnrolledMeanwhileKeepsItsOneDelivery() {
        List<String> included = addresses("in", AUDIENCE);
        List<String> excluded = included.subList(0, 40);
        List<String> suppressed = included.subList(40, 70);
        String includedList = Audiences.list(caller, included);
        String excludedList = Audiences.list(caller, excluded);
        suppressed.forEach(email -> caller.post("/v1/suppressions", Map.of("email", email)).expect(200));
        // A draft: the engine does not send it, so the ledger rows the snapshot writes stay as written.
        UUID campaign = UUID.fromString(Audiences.campaign(caller, Map.of("excludeLists", List.of(excludedList)),
                includedList));
        UUID workspace = UUID.fromString(caller.workspaceId());

        // A node takes the first chunk and dies before its commit: nothing of it remains.
        transactions.executeWithoutResult(status -> {
            snapshots.begin(campaign, workspace, Timestamps.now(clock));
            assertThat(snapshots.queueNextChunk(campaign, 600, Timestamps.now(clock))).isTrue();
            status.setRollbackOnly();
        });
        assertThat(queued(campaign)).isEmpty();
        assertThat(snapshots.underWay()).doesNotContain(campaign);

        // Started again, and a contact of the audience's far end is enrolled before the chunks reach it.
        Set<String> expected = included.stream().filter(e -> !excluded.contains(e) && !suppressed.contains(e))
                .collect(Collectors.toSet());
        UUID lastContact = jdbc.sql("select id, email from contact where workspace_id = :workspace order by id desc")
                .param("workspace", workspace)
                .query((row, n) -> expected.contains(row.getString("email")) ? row.getObject("id", UUID.class) : null)
                .list().stream().filter(Objects::nonNull).findFirst().orElseThrow();
        transactions.executeWithoutResult(status -> {
            snapshots.begin(campaign, workspace, Timestamps.now(clock));
            snapshots.queueNextChunk(campaign, 600, Timestamps.now(clock));
            enrolments.queueFirstStep(campaign, workspace, List.of(lastContact), Timestamps.now(clock));
        });

        // The engine's snapshotter queues the rest.
        Eventually.await("the snapshot's last chunk", Duration.ofSeconds(30), snapshots::underWay,
                underWay -> !underWay.contains(campaign));

        List<String> rows = queued(campaign);
        assertThat(rows).hasSize(expected.size());
        assertThat(Set.copyOf(rows)).isEqualTo(expected);
        Map<String, Object> stats = jdbc.sql("select total_contacts, suppressed from campaign_stats where campaign_id = :id")
                .param("id", campaign).query().singleRow();
        assertThat(((Number) stats.get("total_contacts")).intValue()).isEqualTo(expected.size());
        assertThat(((Number) stats.get("suppressed")).intValue()).isEqualTo(suppressed.size());
    }

    @Test
    void whileOneWorkerHoldsARangeOthersQueueTheRestAndARangeWhoseWorkerDiedIsQueuedOnceByAnother() throws Exception {
        List<String> included = addresses("range", AUDIENCE);
        List<String> suppressed = included.subList(0, 30);
        String includedList = Audiences.list(caller, included);
        suppressed.forEach(email -> caller.post("/v1/suppressions", Map.of("email", email)).expect(200));
        UUID workspace = UUID.fromString(caller.workspaceId());
        List<String> byId = jdbc.sql("select email from contact where workspace_id = :workspace order by id")
                .param("workspace", workspace).query(String.class).list();
        Set<String> firstRange = Set.copyOf(byId.subList(0, 600));
        UUID firstRangeEnd = jdbc.sql("select id from contact where workspace_id = :workspace order by id limit 1 offset 599")
                .param("workspace", workspace).query(UUID.class).single();
        Set<String> expected = included.stream().filter(e -> !suppressed.contains(e)).collect(Collectors.toSet());

        // Only the first range, and only while no engine worker has queued it: a queued range's row
        // stays until its count is taken, and holding another range would hold other contacts back.
        Predicate<UUID> takeFirstRange = tried -> !jdbc.sql("""
                select last_contact from audience_chunk
                where campaign_id = :id and last_contact = :last and queued is null for update skip locked""")
                .param("id", tried).param("last", firstRangeEnd).query(UUID.class).list().isEmpty();
        CountDownLatch workerDies = new CountDownLatch(1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        // A worker that took the range, as queueCutRange does, and dies before its commit.
        HeldRange held = HeldRange.hold(transactions, threads, () -> {
            UUID fresh = UUID.fromString(Audiences.campaign(caller, Map.of(), includedList));
            transactions.executeWithoutResult(status -> {
                snapshots.begin(fresh, workspace, Timestamps.now(clock));
                assertThat(snapshots.cutNextRange(fresh, 600)).isTrue();
            });
            return fresh;
        }, takeFirstRange, workerDies, TransactionStatus::setRollbackOnly);
        CompletableFuture<Void> worker = held.worker();
        UUID heldCampaign = held.campaign();
        try {
            // The engine's workers cut and queue the rest meanwhile, but the snapshot stays open.
            Set<String> rest = expected.stream().filter(e -> !firstRange.contains(e)).collect(Collectors.toSet());
            Eventually.await("the rest of the audience queued beside the held range", Duration.ofSeconds(30),
                    () -> Set.copyOf(queued(heldCampaign)), rest::equals);
            assertThat(snapshots.underWay()).contains(heldCampaign);
        } finally {
            workerDies.countDown();
            worker.get(30, TimeUnit.SECONDS);
            threads.close();
        }

        Eventually.await("the snapshot's end", Duration.ofSeconds(30), snapshots::underWay,
                underWay -> !underWay.contains(heldCampaign));
        List<String> rows = queued(heldCampaign);
        assertThat(rows).hasSize(expected.size());
        assertThat(Set.copyOf(rows)).isEqualTo(expected);
        Map<String, Object> stats = jdbc.sql("select total_contacts, suppressed from campaign_stats where campaign_id = :id")
                .param("id", heldCampaign).query().singleRow();
        assertThat(((Number) stats.get("total_contacts")).intValue()).isEqualTo(expected.size());
        assertThat(((Number) stats.get("suppressed")).intValue()).isEqualTo(suppressed.size());
    }

    @Test
    void aRangeBeingQueuedHoldsNoLockOnTheCampaignsFiguresThatItsSendersOrOtherRangesWaitFor() throws Exception {
        List<String> included = addresses("figures", 50);
        UUID campaign = UUID.fromString(Audiences.campaign(caller, Map.of(), Audiences.list(caller, included)));
        UUID workspace = UUID.fromString(caller.workspaceId());

        CountDownLatch rangeQueued = new CountDownLatch(1);
        CountDownLatch figuresUpdated = new CountDownLatch(1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        // Uncommitted, so no engine worker sees this snapshot until the test lets it commit.
        CompletableFuture<Void> range = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            snapshots.begin(campaign, workspace, Timestamps.now(clock));
            assertThat(snapshots.cutNextRange(campaign, 100)).isTrue();
            assertThat(snapshots.queueCutRange(campaign, Timestamps.now(clock))).isTrue();
            rangeQueued.countDown();
            HeldRange.await(figuresUpdated);
        }), threads);
        try {
            assertThat(rangeQueued.await(30, TimeUnit.SECONDS)).isTrue();
            // What a sender's outcome flush does to the campaign's figures, while the range is open.
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status ->
                    counters.addOutcomes(campaign, 1, 0, 0)), threads);
            flush.get(30, TimeUnit.SECONDS);
        } finally {
            figuresUpdated.countDown();
            range.get(60, TimeUnit.SECONDS);
            threads.close();
        }

        Eventually.await("the range counted and the snapshot ended", Duration.ofSeconds(30), snapshots::underWay,
                underWay -> !underWay.contains(campaign));
        Map<String, Object> stats = jdbc.sql("select total_contacts, sent from campaign_stats where campaign_id = :id")
                .param("id", campaign).query().singleRow();
        assertThat(((Number) stats.get("total_contacts")).intValue()).isEqualTo(included.size());
        assertThat(((Number) stats.get("sent")).intValue()).isEqualTo(1);
    }

    @Test
    void aChunkUnderWayHoldsNoLockThatAnotherCampaignsPauseWaitsFor() throws Exception {
        CampaignRun sending = CampaignRun.create(caller, smtp, 3,
                Map.of("sendMode", "gradual", "gradual", Map.of("perMinute", 1)));
        sending.control(caller, "send").expect(200);
        sending.awaitStatus("sending_gradual", Duration.ofSeconds(30));
        UUID chunked = UUID.fromString(Audiences.campaign(caller, Map.of(),
                Audiences.list(caller, addresses("big", 50))));
        UUID workspace = UUID.fromString(caller.workspaceId());

        CountDownLatch chunkTaken = new CountDownLatch(1);
        CountDownLatch pauseAnswered = new CountDownLatch(1);
        // Threads of their own: the common pool has a single thread on a 2-core machine.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Void> chunk = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            snapshots.begin(chunked, workspace, Timestamps.now(clock));
            snapshots.queueNextChunk(chunked, 10, Timestamps.now(clock));
            chunkTaken.countDown();
            try {
                pauseAnswered.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status.setRollbackOnly();
        }), threads);
        try {
            assertThat(chunkTaken.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> pause = CompletableFuture.supplyAsync(
                    () -> sending.control(caller, "pause").status(), threads);
            assertThat(pause.get(30, TimeUnit.SECONDS)).as("the pause answered while the chunk was open").isEqualTo(200);
        } finally {
            pauseAnswered.countDown();
            chunk.get(60, TimeUnit.SECONDS);
            threads.close();
        }
        sending.control(caller, "abort").expect(200);
    }

    private List<String> queued(UUID campaign) {
        return jdbc.sql("select email from delivery where campaign_id = :id and step = 0")
                .param("id", campaign).query(String.class).list();
    }
}
