package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.StatementCounter;

/**
 * What the engine's hot path costs in statements on the ledger ({@link StatementCounter#hotPath}:
 * the dispatcher's claims and the recorder's outcome flushes): a few statements per claim and per
 * flush, and on H2 an update per outcome, in one batch per flush. The bounds leave room for the
 * dispatcher's idle passes at the campaign's start and end, whose number depends on the machine's
 * speed, and break when either goes back to a statement per message (the figures:
 * docs/benchmarks.md, "Statements per message").
 */
class HotPathStatementsTest extends ClockedEngineCase {

    private static final Logger log = LoggerFactory.getLogger(HotPathStatementsTest.class);
    private static final int MESSAGES = 200;

    /** 245 measured: an update per outcome (200, in a batch per flush), and a few statements per claim. */
    private static final long H2_BOUND = 320;

    /** One statement per claim and per flush (PostgresLedgerDialect); 239 before it had a class of its own. */
    private static final long POSTGRES_BOUND = 120;

    @Autowired
    StatementCounter statements;

    @Test
    void aCampaignCostsAFewStatementsPerClaimAndPerOutcomeFlush() {
        CampaignRun run = CampaignRun.create(caller, smtp, MESSAGES);
        StatementCounter.Counts before = statements.hotPath();
        run.control(caller, "send").expect(200);
        run.awaitReceived(received -> received.size() == MESSAGES, Duration.ofSeconds(60));
        run.awaitNothingClaimed(Duration.ofSeconds(30));

        StatementCounter.Counts used = statements.hotPath().since(before);
        String database = PostgresTestDatabase.suiteUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
        // The figure docs/benchmarks.md quotes.
        log.info("Hot-path statements on the ledger for {} messages on {}: {}", MESSAGES, database, used);
        assertThat(used.total()).as("hot-path statements for %d messages on %s: %s", MESSAGES, database, used)
                .isLessThanOrEqualTo(database.equals("H2") ? H2_BOUND : POSTGRES_BOUND);
    }
}
