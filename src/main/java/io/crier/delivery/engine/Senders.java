package io.crier.delivery.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Session;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignLaunches;
import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.RelayPools;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.delivery.smtp.RelayPool;
import io.crier.delivery.smtp.RelaySettings;
import io.crier.delivery.smtp.SmtpConnection;
import io.crier.delivery.smtp.SmtpProperties;
import io.crier.delivery.smtp.SmtpSessions;
import io.github.bucket4j.Bucket;

/**
 * The engine's sending side: the relay pools (the default one being the capture server when no
 * relay is configured) and, for each engine start, one {@link SendWorker} per pool connection, all sharing one retry
 * policy and one render-failure guard.
 */
@Component
@ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
class Senders {

    private final SmtpProperties smtp;
    private final RelayPools pools;
    private final DeliveryProperties properties;
    private final OneOffSends oneOffs;
    private final CampaignGates gates;
    private final OutgoingMessages messages;
    private final CampaignLaunches campaigns;
    private final CampaignCounters counters;
    private final EngineMetrics metrics;
    private final NodeRegistry node;
    private final ConnectionLeases leases;
    private final Clock clock;

    Senders(SmtpProperties smtp, RelayPools pools, DeliveryProperties properties, OneOffSends oneOffs,
            CampaignGates gates, OutgoingMessages messages, CampaignLaunches campaigns, CampaignCounters counters,
            EngineMetrics metrics, NodeRegistry node, ConnectionLeases leases, Clock clock) {
        this.smtp = smtp;
        this.pools = pools;
        this.properties = properties;
        this.oneOffs = oneOffs;
        this.gates = gates;
        this.messages = messages;
        this.campaigns = campaigns;
        this.counters = counters;
        this.metrics = metrics;
        this.node = node;
        this.leases = leases;
        this.clock = clock;
    }

    List<RelayPool> pools() {
        return pools.all();
    }

    /**
     * This node's share of each pool's connections for an engine start; leases a previous run
     * under this node id left behind are given back first.
     */
    Map<String, PoolConnections> connections(List<RelayPool> relayPools) {
        leases.releaseAllOf(node.nodeId());
        return PoolConnections.of(relayPools, leases, node, properties);
    }

    /**
     * One sender per connection of each pool, taking their work from the pool's queue, each with
     * its lease on the pool's connections; the connections to one relay share its session, rate
     * limit and meters.
     */
    List<SendWorker> workers(List<RelayPool> relayPools, PoolQueues queues, Map<String, PoolConnections> connections,
            OutcomeRecorder recorder) {
        RetryPolicy retries = new RetryPolicy(properties);
        RenderFailureGuard renderFailures = new RenderFailureGuard(campaigns, counters);
        Map<RelaySettings, Relay> relays = new HashMap<>();
        List<SendWorker> workers = new ArrayList<>();
        for (RelayPool pool : relayPools) {
            for (RelaySettings settings : pool.connections()) {
                Relay relay = relays.computeIfAbsent(settings, this::relay);
                SmtpConnection connection = new SmtpConnection(relay.session(), settings);
                workers.add(new SendWorker(queues.of(pool.name()), oneOffs, pool.name(), connection,
                        new ConnectionLease(connections.get(pool.name()), node, connection), relay.rate(), gates,
                        messages, recorder, renderFailures, relay.meters(), retries, clock));
            }
        }
        return workers;
    }

    /** What every connection to one relay shares. */
    private record Relay(Session session, Bucket rate, EngineMetrics.RelayMeters meters) {
    }

    private Relay relay(RelaySettings settings) {
        return new Relay(SmtpSessions.forSenders(settings, smtp.timeout().toMillis(), smtp.heloName()),
                settings.rateLimit(), metrics.relay(settings.name()));
    }
}
