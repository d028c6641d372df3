package io.crier.delivery.engine;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.delivery.fence.NodeRegistry;

/**
 * The engine's recording side: each engine start gets an {@link OutcomeRecorder} of its own, which
 * writes the senders' outcomes to the ledger and has the {@link BounceGuard} look at them.
 */
@Component
@ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
class Recorder {

    private final Claims claims;
    private final LedgerOutcomes outcomes;
    private final Withdrawals withdrawals;
    private final BounceGuard guard;
    private final LedgerDurability durability;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final NodeRegistry node;
    private final ApplicationEventPublisher events;
    private final EngineMetrics metrics;

    Recorder(Claims claims, LedgerOutcomes outcomes, Withdrawals withdrawals, BounceGuard guard,
            LedgerDurability durability, TransactionTemplate transactions, Clock clock, NodeRegistry node,
            ApplicationEventPublisher events, EngineMetrics metrics) {
        this.claims = claims;
        this.outcomes = outcomes;
        this.withdrawals = withdrawals;
        this.guard = guard;
        this.durability = durability;
        this.transactions = transactions;
        this.clock = clock;
        this.node = node;
        this.events = events;
        this.metrics = metrics;
    }

    /** A new recorder for this node, its pending count watched by the metrics. */
    OutcomeRecorder recorder() {
        OutcomeRecorder recorder = recorder(node.nodeId(), transactions, guard);
        metrics.watchRecorder(recorder::pending);
        return recorder;
    }

    /**
     * A recorder that records as {@code nodeId}, each flush in a transaction of {@code flushes},
     * and tells {@code listener} which campaigns it recorded for.
     */
    OutcomeRecorder recorder(String nodeId, TransactionTemplate flushes, OutcomeRecorder.OutcomeListener listener) {
        return new OutcomeRecorder(claims, outcomes, withdrawals, durability, flushes, clock, nodeId, listener, events,
                metrics);
    }
}
