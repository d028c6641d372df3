package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.crier.support.StatementCounter;

/**
 * What the engine's hot path costs in statements on the ledger ({@link StatementCounter#watch}: the
 * dispatcher's claims and the recorder's outcome flushes for this campaign, not the idle claim
 * passes of campaigns other tests left sending in the database): a few statements per claim and per
 * flush, and on H2 an update per outcome, in one batch per flush. The bounds leave room for the
 * dispatcher's idle passes at the campaign's start and end, whose number depends on the machine's
 * speed, and break when either goes back to a statement per message (the figures:
 * docs/benchmarks.md, "Statements per message").
 */
class HotPathStatementsTest extends ClockedEngineCase {

    private static final Logger log = LoggerFactory.getLogger(HotPathStatementsTest.class);
    private static final int MESSAGES = 200;

    /**
     * H2 writes each outcome on its own, in a batch per flush: 200 updates, and one per claim. Its
     * selects (the claims' locks, and idle passes) were 45 on a quiet machine and 175 at a load
     * average of 40, so the total has room; a claim's update per row more breaks the writes' bound.
     */
    private static final long H2_WRITES = 260;
    private static final long H2_TOTAL = 450;

    /**
     * PostgreSQL: a statement per claim and per outcome flush (how many flushes depends on the
     * sending rate), below a statement per message; 239 before the hot path had a class of its own.
     */
    private static final long POSTGRES_TOTAL = 200;

    @Autowired
    StatementCounter statements;

    @Test
    void aCampaignCostsAFewStatementsPerClaimAndPerOutcomeFlush() {
        // A campaign left sending with nothing due (its one message waits for a retry the still
        // clock never reaches) gets a claim pass in every dispatcher round: not this campaign's.
        CampaignRun waiting = CampaignRun.create(caller, smtp, 1);
        smtp.fail(waiting.emails().getFirst(), Fault.TEMPORARY, 1);
        waiting.control(caller, "send").expect(200);
        Eventually.await("the other campaign's message deferred", Duration.ofSeconds(30),
                () -> waiting.deliveries("deferred"), deferred -> deferred == 1);
        CampaignRun run = CampaignRun.create(caller, smtp, MESSAGES);
        StatementCounter.Counts used;
        try (StatementCounter.Watch watch = statements.watch(UUID.fromString(run.id()))) {
            run.control(caller, "send").expect(200);
            run.awaitReceived(received -> received.size() == MESSAGES, Duration.ofSeconds(60));
            run.awaitNothingClaimed(Duration.ofSeconds(30));
            used = watch.counts();
        } finally {
            waiting.control(caller, "abort").expect(200);
        }
        String database = PostgresTestDatabase.suiteUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
        // The figure docs/benchmarks.md quotes.
        log.info("Hot-path statements on the ledger for {} messages on {}: {}", MESSAGES, database, used);
        String what = "hot-path statements for %d messages on %s: %s".formatted(MESSAGES, database, used);
        if (database.equals("H2")) {
            assertThat(used.total() - used.of(StatementCounter.Kind.SELECT)).as(what).isLessThanOrEqualTo(H2_WRITES);
            assertThat(used.total()).as(what).isLessThanOrEqualTo(H2_TOTAL);
        } else {
            assertThat(used.total()).as(what).isLessThanOrEqualTo(POSTGRES_TOTAL);
        }
    }
}
