package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.delivery.DeliveryStatus;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ScriptedSmtpServer.Fault;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Outcomes the ledger refuses. A node whose lease ran out (cut off from the database, say) reports
 * an outcome late, after the engine of this context, another node, has claimed the delivery again
 * and is sending it: the late outcome must not overwrite the live claim, or the live node's own
 * outcome would be refused and the recipient mailed again later. And an outcome refused, by the
 * owner guard or by the database, holds back none of the others flushed with it.
 */
class LateOutcomeTest extends ClockedEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LATE_NODE = "late-node";
    private static final String OTHER_NODE = "other-node";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Claims deliveries;

    @Autowired
    Recorder recorders;

    @Autowired
    TransactionTemplate transactions;

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
        transactions.executeWithoutResult(status -> deliveries.claim(
                deliveries.lockDue(campaign, lateNow, 1), LATE_NODE, lateNow, Duration.ofMillis(1)));
        // ...so the engine's housekeeper returns it to the queue, and the engine claims it when it is due.
        awaitDelivery(campaign, "queued");
        smtp.stallFor(1_500);
        smtp.fail(recipient, Fault.STALL, 1);
        clock.advance(Duration.ofMinutes(10));
        awaitClaimBy(campaign, engineNode.nodeId());
        double refusedBefore = refused();

        OutcomeRecorder lateRecorder = recorderOf(LATE_NODE);
        lateRecorder.record(new DeliveryResult(delivery, campaign, UUID.fromString(caller.workspaceId()), recipient,
                DeliveryStatus.DEFERRED, "451 4.3.0 late", lateNow.plus(Duration.ofHours(1)), 0, false));
        lateRecorder.stop();
        Thread.ofVirtual().start(lateRecorder).join();
        assertThat(run.received()).as("the engine's message still under way at the relay").isEmpty();

        awaitDelivery(campaign, "sent");
        assertThat(refused() - refusedBefore).as("refused outcomes").isEqualTo(1);
        assertThat(run.received()).hasSize(1);
    }

    /**
     * One flush of four outcomes: two plain ones, one for a delivery another node holds (the owner
     * guard refuses it) and one the database refuses for its data. That used to be the render
     * error's reply longer than its column, which the reply's cut now prevents; a bounce whose
     * address is longer than the suppression list's column stands in for any such row here. The
     * flush fails as a whole, so it is written again row by row: the plain outcomes are recorded,
     * the refused row is parked as failed with the reason, and the other node's claim is untouched.
     */
    @Test
    void anOutcomeTheLedgerRefusesHoldsBackNoneOfTheOthersInItsFlush() throws Exception {
        CampaignRun run = CampaignRun.create(caller, smtp, 4);
        UUID campaign = UUID.fromString(run.id());
        UUID workspace = UUID.fromString(caller.workspaceId());
        List<Long> ids = claimedByTheLateNode(run);
        long sent = ids.get(0);
        long poisoned = ids.get(1);
        long takenOver = ids.get(2);
        long alsoSent = ids.get(3);
        // Another node takes one of them over.
        deliveries.claim(List.of(takenOver), OTHER_NODE, clock.instant(), Duration.ofMinutes(5));
        double refusedBefore = refused();

        OutcomeRecorder recorder = recorderOf(LATE_NODE);
        recorder.record(outcome(sent, campaign, workspace, DeliveryStatus.SENT, "250 2.0.0 ok"));
        recorder.record(new DeliveryResult(poisoned, campaign, workspace, "x".repeat(400) + "@example.org",
                DeliveryStatus.BOUNCED, "550 5.1.1 unknown", null, 0, false));
        recorder.record(outcome(takenOver, campaign, workspace, DeliveryStatus.SENT, "250 2.0.0 ok"));
        recorder.record(outcome(alsoSent, campaign, workspace, DeliveryStatus.SENT, "250 2.0.0 ok"));
        recorder.stop();
        Thread flushing = Thread.ofVirtual().start(recorder);

        assertThat(flushing.join(WAIT)).as("the recorder done with its flush, not retrying it").isTrue();
        assertThat(deliveriesIn(campaign, "sent")).containsExactlyInAnyOrder(sent, alsoSent);
        assertThat(deliveriesIn(campaign, "failed")).containsExactly(poisoned);
        assertThat(lastReply(poisoned)).startsWith("the ledger refused this outcome (bounced)");
        assertThat(jdbc.sql("select lease_owner from delivery where id = :id and status = 'claimed'")
                .param("id", takenOver).query(String.class).optional()).contains(OTHER_NODE);
        assertThat(refused() - refusedBefore).as("refused outcomes").isEqualTo(1);

        // The other node finishes its delivery, and the campaign with it.
        OutcomeRecorder other = recorderOf(OTHER_NODE);
        other.record(outcome(takenOver, campaign, workspace, DeliveryStatus.SENT, "250 2.0.0 ok"));
        other.stop();
        Thread.ofVirtual().start(other).join();
        assertThat(deliveriesIn(campaign, "sent")).containsExactlyInAnyOrder(sent, takenOver, alsoSent);
    }

    /**
     * An outcome the database refuses even as a failure (here its row's attempt counter cannot
     * count one more) is kept and tried again, claimed, without holding back the outcomes flushed
     * after it; once the database takes it, it is recorded as it was.
     */
    @Test
    void anOutcomeRefusedEvenAsAFailureIsTriedAgainWithoutHoldingBackTheOthers() throws Exception {
        CampaignRun run = CampaignRun.create(caller, smtp, 3);
        UUID campaign = UUID.fromString(run.id());
        UUID workspace = UUID.fromString(caller.workspaceId());
        List<Long> ids = claimedByTheLateNode(run);
        long stuck = ids.get(0);
        jdbc.sql("update delivery set attempts = :most where id = :id").param("most", Integer.MAX_VALUE)
                .param("id", stuck).update();

        OutcomeRecorder recorder = recorderOf(LATE_NODE);
        ids.forEach(id -> recorder.record(outcome(id, campaign, workspace, DeliveryStatus.SENT, "250 2.0.0 ok")));
        recorder.stop();
        Thread flushing = Thread.ofVirtual().start(recorder);

        Eventually.await("the outcomes flushed after the refused one recorded", WAIT,
                () -> deliveriesIn(campaign, "sent"), sent -> sent.size() == 2);
        assertThat(deliveriesIn(campaign, "claimed")).containsExactly(stuck);
        assertThat(flushing.isAlive()).as("the recorder still holding the refused outcome").isTrue();

        jdbc.sql("update delivery set attempts = 1 where id = :id").param("id", stuck).update();
        assertThat(flushing.join(WAIT)).as("the recorder done once the database takes it").isTrue();
        assertThat(deliveriesIn(campaign, "sent")).containsExactlyInAnyOrderElementsOf(ids);
    }

    /**
     * The run's deliveries, each deferred once and then claimed by the late node for five minutes:
     * the engine leaves them alone, and the test records their outcomes as that node. Sorted by id.
     */
    private List<Long> claimedByTheLateNode(CampaignRun run) {
        UUID campaign = UUID.fromString(run.id());
        int count = run.emails().size();
        // Every first attempt is deferred, so the engine leaves the rows alone until the test clock moves.
        run.emails().forEach(email -> smtp.fail(email, Fault.TEMPORARY, 1));
        run.control(caller, "send").expect(200);
        Eventually.await(count + " deferred deliveries", WAIT, () -> deliveriesIn(campaign, "deferred"),
                deferred -> deferred.size() == count);
        Instant later = clock.instant().plus(Duration.ofMinutes(10));
        return transactions.execute(status -> {
            List<Long> due = deliveries.lockDue(campaign, later, count);
            deliveries.claim(due, LATE_NODE, later, Duration.ofMinutes(5));
            return due.stream().sorted().toList();
        });
    }

    private OutcomeRecorder recorderOf(String node) {
        return recorders.recorder(node, transactions, campaigns -> { });
    }

    private static DeliveryResult outcome(long delivery, UUID campaign, UUID workspace, DeliveryStatus status,
            String reply) {
        return new DeliveryResult(delivery, campaign, workspace, "r" + delivery + "@example.org", status, reply, null, 0,
                false);
    }

    private List<Long> deliveriesIn(UUID campaign, String status) {
        return jdbc.sql("select id from delivery where campaign_id = :campaign and status = :status")
                .param("campaign", campaign)
                .param("status", status)
                .query(Long.class)
                .list();
    }

    private String lastReply(long delivery) {
        return jdbc.sql("select last_reply from delivery where id = :id").param("id", delivery).query(String.class)
                .single();
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
