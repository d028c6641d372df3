package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.support.CampaignRun;
import io.crier.support.ClockedEngineCase;

/**
 * A second node's control watcher, in this JVM on the shared database, driven by hand: its poll
 * reads the control clock, then the campaigns that changed. A pause and then an abort of the same
 * campaign, both committed between those two reads, must close that node's gate.
 */
class ControlWatcherTest extends ClockedEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Claims deliveries;

    @Autowired
    CompiledCampaigns templates;

    @Autowired
    RunningCampaignsCache running;

    @AfterEach
    void fastRelay() {
        smtp.delayEachMessage(0);
    }

    @Test
    void aPauseThenAnAbortCommittedBetweenThePollsTwoReadsCloseTheGate() {
        smtp.delayEachMessage(100);
        CampaignRun run = CampaignRun.create(caller, smtp, 200);
        run.control(caller, "send").expect(200);
        run.awaitStatus("sending", WAIT);
        UUID campaign = UUID.fromString(run.id());
        // Timings long enough that the node never fences itself while the test drives it.
        DeliveryProperties settings = new DeliveryProperties("watcher-" + tag, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), 5,
                Duration.ofMinutes(1), Duration.ofHours(1), null, 2);
        NodeRegistry node = new NodeRegistry(jdbc, settings);
        CampaignGates gates = new CampaignGates(node);
        ControlWatcher watcher = new ControlWatcher(jdbc, deliveries, Map.of(), node, gates, templates, running, settings);
        node.register();
        watcher.initialize();
        // Its watcher does not run by itself, so no pause may wait for it.
        node.deregister();
        assertThat(gates.gate(campaign).isOpen()).as("the gate of a campaign that is sending").isTrue();

        run.control(caller, "pause").expect(200);
        long readFirst = jdbc.sql("select version from control_clock where id = 1").query(Long.class).single();
        run.control(caller, "abort").expect(200);
        watcher.apply(readFirst);

        assertThat(gates.gate(campaign).isOpen()).as("the gate of the aborted campaign").isFalse();
    }
}
