package io.crier.delivery.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.campaign.LaunchedCampaign;
import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.shared.FailureStreak;


/**
 * Keeps this node's gates in step with the campaigns' state. It polls the control clock; when a
 * pause, resume or abort has moved it, it closes or opens the gates of the campaigns that changed,
 * and only then records the new version as applied, which is what a pause call waits for. It also
 * heartbeats, renewing the leases of this node's claims and relay connections as it does, and closes every gate when it
 * cannot (self-fencing) or finds that the others took it for dead, so a node cut off from the
 * database stops sending before the others stop waiting for it. (The gates check the fence
 * themselves too, in case this thread is stuck.) With each heartbeat it strikes off the nodes it
 * has seen silent for node-timeout, so no pause waits for a node long dead.
 */
final class ControlWatcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ControlWatcher.class);

    private final FailureStreak failures = new FailureStreak(log, Level.WARN, "Control poll");

    private final JdbcClient jdbc;
    private final Claims claims;
    private final Map<String, PoolConnections> connections;
    private final NodeRegistry node;
    private final CampaignGates gates;
    private final CompiledCampaigns templates;
    private final RunningCampaignsCache running;
    private final DeliveryProperties properties;
    private volatile boolean active = true;
    private long applied;
    private boolean fenced;
    private long lastHeartbeat;

    ControlWatcher(JdbcClient jdbc, Claims claims, Map<String, PoolConnections> connections, NodeRegistry node, CampaignGates gates,
            CompiledCampaigns templates, RunningCampaignsCache running, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.connections = connections;
        this.node = node;
        this.gates = gates;
        this.templates = templates;
        this.running = running;
        this.properties = properties;
    }

    /** Starts from the current version: gates of campaigns not running start closed. */
    void initialize() {
        applied = currentVersion();
        gates.keepOnlyOpen(runningIds(), applied);
        heartbeat();
    }

    @Override
    public void run() {
        while (active) {
            try {
                pollOnce();
                failures.succeeded();
            } catch (Throwable e) {
                // An Error too: this thread must go on, or the node would fence itself for good.
                failures.failed(e);
            }
            if (node.mustSelfFence() && !fenced) {
                log.error("No heartbeat for {}: this node stops sending until the database answers again",
                        properties.selfFenceAfter());
                gates.closeAll();
                fenced = true;
            }
            try {
                Thread.sleep(properties.controlPoll().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        active = false;
    }

    private void pollOnce() {
        long version = currentVersion();
        boolean changed = version > applied;
        if (changed) {
            apply(version);
        }
        // A change applied is acknowledged at once: a pause call is waiting for exactly this.
        if (changed || fenced
                || System.nanoTime() - lastHeartbeat >= properties.heartbeatInterval().toNanos()) {
            heartbeat();
        }
    }

    /**
     * Applies every campaign change newer than the last one applied, up to at least {@code version}
     * (the control clock as read just before). campaign_control keeps only each campaign's latest
     * version, so a change that commits after that read may have overwritten a row with a version
     * above it: such rows are applied too, never skipped, and applied covers them. Versions are
     * handed out under the control clock's row lock, in commit order, so every version below the
     * highest one read has committed and is read as well.
     */
    void apply(long version) {
        Map<UUID, Long> changed = new HashMap<>();
        jdbc.sql("select campaign_id, version from campaign_control where version > :applied")
                .param("applied", applied)
                .query(rs -> {
                    changed.put(rs.getObject("campaign_id", UUID.class), rs.getLong("version"));
                });
        Set<UUID> runningNow = runningIds();
        List<UUID> stopped = new ArrayList<>();
        for (Map.Entry<UUID, Long> change : changed.entrySet()) {
            UUID campaignId = change.getKey();
            templates.forget(campaignId);
            if (runningNow.contains(campaignId)) {
                // Running as read after its change: a pause fence closed at a newer version stays.
                gates.gate(campaignId).open(change.getValue());
            } else {
                gates.close(campaignId);
                stopped.add(campaignId);
            }
        }
        gates.drop(running.completed(stopped));
        applied = Math.max(version, changed.values().stream().mapToLong(Long::longValue).max().orElse(version));
    }

    private void heartbeat() {
        boolean counted = node.heartbeat(applied);
        lastHeartbeat = System.nanoTime();
        if (!counted) {
            log.error("This node was taken for dead (no heartbeat for {}); it stops sending until it has caught up",
                    properties.nodeTimeout());
            gates.closeAll();
            fenced = true;
            return;
        }
        claims.renewLeases(node.nodeId(), properties.leaseDuration(), properties.renewLeasesBelow());
        PoolConnections.renewAll(connections);
        if (fenced) {
            // Back in touch: reopen exactly the gates of campaigns that are running now.
            gates.keepOnlyOpen(runningIds(), applied);
            fenced = false;
        }
        node.strikeOffDead();
    }

    private Set<UUID> runningIds() {
        return running.refresh().stream().map(LaunchedCampaign::id).collect(Collectors.toSet());
    }

    private long currentVersion() {
        return jdbc.sql("select version from control_clock where id = 1").query(Long.class).single();
    }
}
