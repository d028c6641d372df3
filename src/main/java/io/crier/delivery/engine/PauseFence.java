package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignFence;
import io.crier.campaign.CampaignStatus;
import io.crier.campaign.CampaignStatusChanged;
import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.shared.Timestamps;

/**
 * The guarantee behind pause and abort: once the call returns, no SMTP transaction for the
 * campaign begins on any node. In the transaction that changes the status, the control clock is
 * bumped (and an abort or a failure cancels what is still queued). After the commit, the call closes this
 * node's gate itself, at the new version, so this node's watcher neither has to be waited for nor can
 * open the gate again on what it read before. Then it waits until every other live node has applied
 * the new version, that is, closed its own gate after the MAIL FROMs already under way. A node that
 * stops heartbeating is no longer waited
 * for once it is past {@code crier.delivery.node-timeout}; by then it has fenced itself. Moves the
 * engine makes itself (an end, an automatic pause) do not wait: nobody is told they hold, and the
 * watchers close the gates within a poll.
 */
@Component
class PauseFence implements CampaignFence {

    private static final Logger log = LoggerFactory.getLogger(PauseFence.class);

    private final JdbcClient jdbc;
    private final Withdrawals withdrawals;
    private final AudienceSnapshots snapshots;
    private final CampaignGates gates;
    private final NodeRegistry nodes;
    private final DeliveryProperties properties;
    private final EngineMetrics metrics;
    private final Clock clock;

    PauseFence(JdbcClient jdbc, Withdrawals withdrawals, AudienceSnapshots snapshots, CampaignGates gates,
            NodeRegistry nodes, DeliveryProperties properties, EngineMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.withdrawals = withdrawals;
        this.snapshots = snapshots;
        this.gates = gates;
        this.nodes = nodes;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Runs inside the transaction of the status change. The control clock is one row every
     * change locks until its commit, so it is bumped last: an abort of a large queue cancels its
     * rows first, and other campaigns' pauses do not wait behind that.
     */
    @EventListener
    void recordControlChange(CampaignStatusChanged change) {
        if (change.endsSending()) {
            // First the snapshot, so no range is cut after what is queued is cancelled; a range under
            // way is not waited for: its worker cancels what it queued once this commits.
            snapshots.cancel(change.campaignId());
            withdrawals.cancelPending(change.campaignId(), Timestamps.now(clock));
        }
        jdbc.sql("update control_clock set version = version + 1 where id = 1").update();
        long version = jdbc.sql("select version from control_clock where id = 1").query(Long.class).single();
        jdbc.sql("""
                merge into campaign_control c using (select cast(:id as uuid) as campaign_id) v
                on c.campaign_id = v.campaign_id
                when matched then update set version = :version
                when not matched then insert (campaign_id, version) values (v.campaign_id, :version)""")
                .param("id", change.campaignId())
                .param("version", version)
                .update();
    }

    /**
     * Runs in the calling thread once the change is committed, up to {@code crier.delivery.fence-timeout}.
     * Waits for the campaign's latest control version, so a repeated pause waits for the same fence again.
     */
    @Override
    public boolean awaitStopped(UUID campaignId, CampaignStatus status) {
        long started = System.nanoTime();
        boolean held = fence(campaignId, started + properties.fenceTimeout().toNanos());
        metrics.fenceWaited(status.wire(), Duration.ofNanos(System.nanoTime() - started), held);
        return held;
    }

    private boolean fence(UUID campaignId, long deadline) {
        try {
            long version = controlVersion(campaignId);
            gates.closeAt(campaignId, version);
            while (nodes.otherNodesBehind(version) > 0) {
                if (System.nanoTime() > deadline) {
                    log.warn("Campaign {}: a live node did not apply control version {} within {}", campaignId,
                            version, properties.fenceTimeout());
                    return false;
                }
                Thread.sleep(2);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Campaign {}: interrupted while waiting for every node to stop sending it", campaignId);
            return false;
        } catch (RuntimeException e) {
            log.warn("Campaign {}: could not check that every node stopped sending it: {}", campaignId, e.toString());
            return false;
        }
    }

    private long controlVersion(UUID campaignId) {
        return jdbc.sql("select version from campaign_control where campaign_id = :id")
                .param("id", campaignId)
                .query(Long.class)
                .single();
    }
}
