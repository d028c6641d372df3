package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PostgresTestDatabase;

/**
 * An abort cancels its campaign's queue before it takes the control clock, the one row every status
 * change locks until it commits: another campaign's pause does not wait while an abort's rows are
 * being cancelled, however many there are. The test keeps an abort under way by holding one of its
 * queued rows locked. PostgreSQL only: H2 gives up on a lock after 2 s, so there the abort cannot
 * be held open.
 */
class AbortLockTest extends ClockedEngineCase {

    private static final Map<String, Object> ONE_A_MINUTE = Map.of("sendMode", "gradual",
            "gradual", Map.of("perMinute", 1));

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAbortUnderWayHoldsNoLockThatAnotherCampaignsPauseWaitsFor() throws Exception {
        assumeTrue(PostgresTestDatabase.suiteUrl().startsWith("jdbc:postgresql:"), "needs PostgreSQL's lock waits");
        CampaignRun other = started(CampaignRun.create(caller, smtp, 3, ONE_A_MINUTE));
        CampaignRun aborted = started(CampaignRun.create(caller, smtp, 3, ONE_A_MINUTE));

        // Threads of their own: the common pool has a single thread on a 2-core machine.
        try (Connection holder = dataSource.getConnection();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            holder.setAutoCommit(false);
            lockOneQueuedRow(holder, aborted.id());
            CompletableFuture<Integer> abort = CompletableFuture.supplyAsync(
                    () -> aborted.control(caller, "abort").status(), threads);
            Eventually.await("the abort waiting for the locked row", Duration.ofSeconds(30),
                    () -> jdbc.sql("select count(*) from pg_locks where not granted").query(Long.class).single(),
                    waiting -> waiting > 0);

            CompletableFuture<Integer> pause = CompletableFuture.supplyAsync(
                    () -> other.control(caller, "pause").status(), threads);
            try {
                assertThat(pause.get(20, TimeUnit.SECONDS)).as("the pause answered while the abort was under way")
                        .isEqualTo(200);
            } finally {
                holder.rollback();
            }
            assertThat(abort.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        other.control(caller, "abort").expect(200);
    }

    private CampaignRun started(CampaignRun run) {
        run.control(caller, "send").expect(200);
        run.awaitStatus("sending_gradual", Duration.ofSeconds(30));
        return run;
    }

    private static void lockOneQueuedRow(Connection connection, String campaignId) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement(
                "select id from delivery where campaign_id = ? and status = 'queued' limit 1 for update")) {
            lock.setObject(1, UUID.fromString(campaignId));
            try (ResultSet row = lock.executeQuery()) {
                assertThat(row.next()).as("a queued delivery of the campaign to lock").isTrue();
            }
        }
    }
}
