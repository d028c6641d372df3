package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A node whose lease ran out (cut off from the database, say) reports an outcome late, after the
 * engine of this context, another node, has claimed the delivery again and is sending it: the late
 * outcome must not overwrite the live claim, or the live node's own outcome would be refused and
 * the recipient mailed again later.
 */
class LateOutcomeTest extends ClockedEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LATE_NODE = "late-node";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Claims deliveries;

    @Autowired
    LedgerOutcomes outcomes;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    LedgerDurability durability;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    EngineMetrics metrics;

    @Autowired
    MeterRegistry registry;

    @Autowired
    NodeRegistry engineNode;

    @AfterEach
    void usualStall() {
        smtp.stallFor(2_000);
    }

    @Test
    void anOutcomeFromANodeWhoseLeaseRanOutIsRefusedOnceAnotherNodeHoldsTheDelivery() throws Exception {
        CampaignRun run = CampaignRun.create(caller, smtp, 1);
        String recipient = run.emails().getFirst();
        UUID campaign = UUID.fromString(run.id());
        // The first attempt is deferred: the engine retries it a minute or more later on the test clock.
        smtp.fail(recipient, Fault.TEMPORARY, 1);
        run.control(caller, "send").expect(200);
        long delivery = awaitDelivery(campaign, "deferred");

        // The late node, whose clock is ahead, claims the retry with a lease that runs out at once...
        Instant lateNow = clock.instant().plus(Duration.ofMinutes(10));
        transactions.executeWithoutResult(status -> deliveries.markClaimed(
                deliveries.lockDue(campaign, lateNow, 1), LATE_NODE, lateNow, Duration.ofMillis(1)));
        // ...so the engine's housekeeper returns it to the queue, and the engine claims it when it is due.
        awaitDelivery(campaign, "queued");
        smtp.stallFor(1_500);
        smtp.fail(recipient, Fault.STALL, 1);
        clock.advance(Duration.ofMinutes(10));
        awaitClaimBy(campaign, engineNode.nodeId());
        double refusedBefore = refused();

        OutcomeRecorder lateRecorder = new OutcomeRecorder(deliveries, outcomes, withdrawals, durability, transactions, clock,
                LATE_NODE, campaigns -> { }, events, metrics);
        lateRecorder.record(new DeliveryResult(delivery, campaign, UUID.fromString(caller.workspaceId()), recipient,
                DeliveryStatus.DEFERRED, "451 4.3.0 late", lateNow.plus(Duration.ofHours(1)), 0, false));
        lateRecorder.stop();
        Thread.ofVirtual().start(lateRecorder).join();
        assertThat(run.received()).as("the engine's message still under way at the relay").isEmpty();

        awaitDelivery(campaign, "sent");
        assertThat(refused() - refusedBefore).as("refused outcomes").isEqualTo(1);
        assertThat(run.received()).hasSize(1);
    }

    private double refused() {
        return registry.get("crier.outcomes.refused").counter().count();
    }

    /** Waits until the campaign's one delivery has this status; returns its id. */
    private long awaitDelivery(UUID campaign, String status) {
        return Eventually.await("the delivery " + status, WAIT,
                () -> jdbc.sql("select id from delivery where campaign_id = :campaign and status = :status")
                        .param("campaign", campaign)
                        .param("status", status)
                        .query(Long.class)
                        .optional(),
                found -> found.isPresent()).orElseThrow();
    }

    private void awaitClaimBy(UUID campaign, String node) {
        Eventually.await("the delivery claimed by " + node, WAIT,
                () -> jdbc.sql("select lease_owner from delivery where campaign_id = :campaign and status = 'claimed'")
                        .param("campaign", campaign)
                        .query(String.class)
                        .optional(),
                owner -> owner.filter(node::equals).isPresent());
    }
}
