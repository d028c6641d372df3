package io.crier.delivery.engine;

import java.time.Clock;
import java.util.Map;
import java.util.function.IntSupplier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignLaunches;
import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.delivery.smtp.PoolRouting;
import io.crier.shared.Timestamps;

/**
 * The engine's claim side: what puts deliveries into this node's hands and keeps its claims
 * valid. Each engine start gets loops of its own from it: the control watcher (gates, heartbeat,
 * renewal of claim and connection leases), the dispatcher (claims), the housekeeper (scheduled starts, expired leases) and
 * the audience snapshotter (queues started audiences), so a stopped engine can start again.
 */
@Component
@ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
class Claimer {

    private final Claims claims;
    private final GradualPacer pacer;
    private final PoolRouting routing;
    private final ClaimThrottles throttles;
    private final CampaignLaunches campaigns;
    private final CampaignStarter starter;
    private final AudienceSnapshots snapshots;
    private final RunningCampaignsCache running;
    private final CampaignGates gates;
    private final CompiledCampaigns templates;
    private final NodeRegistry node;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final LedgerDialect database;
    private final EngineMetrics metrics;
    private final Clock clock;

    Claimer(Claims claims, GradualPacer pacer, PoolRouting routing, ClaimThrottles throttles,
            CampaignLaunches campaigns, CampaignStarter starter, AudienceSnapshots snapshots,
            RunningCampaignsCache running, CampaignGates gates, CompiledCampaigns templates, NodeRegistry node,
            JdbcClient jdbc, TransactionTemplate transactions, DeliveryProperties properties, LedgerDialect database,
            EngineMetrics metrics, Clock clock) {
        this.claims = claims;
        this.pacer = pacer;
        this.routing = routing;
        this.throttles = throttles;
        this.campaigns = campaigns;
        this.starter = starter;
        this.snapshots = snapshots;
        this.running = running;
        this.gates = gates;
        this.templates = templates;
        this.node = node;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.database = database;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Returns the claims this node's previous run left behind to the queue; how many. */
    int releaseOrphans() {
        return claims.releaseAllOf(node.nodeId(), Timestamps.now(clock));
    }

    ControlWatcher watcher(Map<String, PoolConnections> connections) {
        return new ControlWatcher(jdbc, claims, connections, node, gates, templates, running, properties);
    }

    Dispatcher dispatcher(PoolQueues queues, IntSupplier unrecorded) {
        return new Dispatcher(queues, routing, unrecorded, claims, pacer, throttles, campaigns, running, gates, node,
                transactions, properties, metrics, clock);
    }

    Housekeeper housekeeper() {
        return new Housekeeper(campaigns, starter, claims, running, metrics, clock, properties.housekeepingPeriod());
    }

    AudienceSnapshotter snapshotter() {
        return new AudienceSnapshotter(snapshots, transactions, properties, clock);
    }

    /** How many threads run the {@link #snapshotter()}. */
    int snapshotWorkers() {
        return AudienceSnapshotter.workers(properties, database);
    }
}
