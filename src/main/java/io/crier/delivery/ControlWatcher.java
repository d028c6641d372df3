package io.crier.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * Keeps this node's gates in step with the campaigns' state. It polls the control clock; when a
 * pause, resume or abort has moved it, it closes or opens the gates of the campaigns that changed,
 * and only then records the new version as applied, which is what a pause call waits for. It also
 * heartbeats, renewing the leases of this node's claims as it does, and closes every gate when it
 * cannot (self-fencing), so a node cut off from the database stops sending before the others stop
 * waiting for it. (The gates check the fence themselves too, in case this thread is stuck.)
 */
final class ControlWatcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ControlWatcher.class);

    private final JdbcClient jdbc;
    private final DeliveryRepository deliveries;
    private final NodeRegistry node;
    private final CampaignGates gates;
    private final CompiledCampaigns templates;
    private final RunningCampaignsCache running;
    private final CampaignRuns campaigns;
    private final DeliveryProperties properties;
    private volatile boolean active = true;
    private long applied;
    private boolean fenced;
    private long lastHeartbeat;

    ControlWatcher(JdbcClient jdbc, DeliveryRepository deliveries, NodeRegistry node, CampaignGates gates,
            CompiledCampaigns templates, RunningCampaignsCache running, CampaignRuns campaigns,
            DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.node = node;
        this.gates = gates;
        this.templates = templates;
        this.running = running;
        this.campaigns = campaigns;
        this.properties = properties;
    }

    /** Starts from the current version: gates of campaigns not running start closed. */
    void initialize() {
        applied = currentVersion();
        gates.keepOnlyOpen(runningIds());
        node.heartbeat(applied);
        lastHeartbeat = System.nanoTime();
    }

    @Override
    public void run() {
        while (active) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("Control poll failed: {}", e.getMessage());
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
            heartbeat(version);
        }
    }

    private void apply(long version) {
        List<UUID> changed = jdbc.sql("select campaign_id from campaign_control where version > :applied and version <= :version")
                .param("applied", applied)
                .param("version", version)
                .query(UUID.class)
                .list();
        Set<UUID> runningNow = runningIds();
        List<UUID> stopped = new ArrayList<>();
        for (UUID campaignId : changed) {
            templates.forget(campaignId);
            if (runningNow.contains(campaignId)) {
                gates.gate(campaignId).open();
            } else {
                gates.close(campaignId);
                stopped.add(campaignId);
            }
        }
        gates.drop(campaigns.over(stopped));
        applied = version;
    }

    private void heartbeat(long version) {
        node.heartbeat(Math.min(version, applied));
        lastHeartbeat = System.nanoTime();
        deliveries.renewLeases(node.nodeId(), properties.leaseDuration(), properties.renewLeasesBelow());
        if (fenced) {
            // Back in touch: reopen exactly the gates of campaigns that are running now.
            gates.keepOnlyOpen(runningIds());
            fenced = false;
        }
    }

    private Set<UUID> runningIds() {
        return running.refresh().stream().map(RunningCampaign::id).collect(Collectors.toSet());
    }

    private long currentVersion() {
        return jdbc.sql("select version from control_clock where id = 1").query(Long.class).single();
    }
}
