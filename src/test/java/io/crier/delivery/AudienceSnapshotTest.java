package io.crier.delivery;

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
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.Timestamps;
import io.crier.support.Audiences;
import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;

/**
 * The audience is queued in chunks, each committed with its cursor: an audience larger than the
 * start's own chunk is queued whole and once, a chunk whose transaction dies is taken again
 * (nothing lost, nothing twice), a contact enrolled meanwhile keeps its one delivery, and a chunk
 * under way holds no lock that another campaign's pause waits for.
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
