package io.crier.delivery.fence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.delivery.DeliveryProperties;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;

/**
 * Which nodes a pause waits for, judged by the node that asks, on its own monotonic clock: a node
 * is live while its heartbeat stamp changes, whatever the database's clock says of the stamp, and
 * dead once the stamp has stood still for node-timeout. Nodes here are rows and registries of
 * this test beside the context's engine, on its database; each test removes its rows.
 */
class NodeLivenessTest extends ClockedEngineCase {

    /** Longer than the context engine's heartbeat interval (1 s): the test's registries must not take it for dead. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeRows() {
        jdbc.sql("delete from node where id like :tagged").param("tagged", "%-" + tag).update();
    }

    @Test
    void aNodeWhoseLastHeartbeatLooksADayOldOnTheDatabasesClockIsStillWaitedFor() {
        // What a step of the database server's clock by a day forward makes of a live node's stamp.
        jdbc.sql("insert into node (id, started_at, heartbeat_at, control_applied) values"
                        + " (:id, current_timestamp, current_timestamp - interval '1' day, 0)")
                .param("id", "stepped-" + tag)
                .update();
        NodeRegistry asking = registry("asking-" + tag);

        int behindWithIt = asking.otherNodesBehind(Long.MAX_VALUE);
        removeRows();
        int behindWithout = asking.otherNodesBehind(Long.MAX_VALUE);

        assertThat(behindWithIt).as("live nodes behind, the stepped one among them").isEqualTo(behindWithout + 1);
    }

    @Test
    void aNodeSilentForTheNodeTimeoutIsStruckOffAndJoinsAgainFencedWhileOneWhoseStampMovesStays() {
        NodeRegistry stalled = registry("stalled-" + tag);
        stalled.register();
        jdbc.sql("insert into node (id, started_at, heartbeat_at, control_applied)"
                        + " values (:id, current_timestamp, current_timestamp, 0)")
                .param("id", "beating-" + tag)
                .update();
        NodeRegistry asking = registry("asking-" + tag);

        long firstLook = System.nanoTime();
        Eventually.await("the stalled node struck off", WAIT, () -> {
            // The beating node's stamp goes back a second each time, as if the database's clock kept
            // stepping back: only that it changes counts.
            jdbc.sql("update node set heartbeat_at = heartbeat_at - interval '1' second where id = :id")
                    .param("id", "beating-" + tag)
                    .update();
            asking.strikeOffDead();
            return exists("stalled-" + tag);
        }, stillThere -> !stillThere);
        long struckOff = System.nanoTime();

        assertThat(Duration.ofNanos(struckOff - firstLook)).as("silence before the strike-off")
                .isGreaterThanOrEqualTo(NODE_TIMEOUT);
        assertThat(exists("beating-" + tag)).as("the node whose stamp moves").isTrue();
        assertThat(stalled.heartbeat(7)).as("the stalled node's next heartbeat counts").isFalse();
        assertThat(exists("stalled-" + tag)).as("it joined again").isTrue();
        assertThat(stalled.mustSelfFence()).as("fenced after the heartbeat that found it struck off").isTrue();
        assertThat(stalled.heartbeat(7)).isTrue();
        assertThat(stalled.mustSelfFence()).as("fenced after the one after").isFalse();
    }

    @Test
    void aNodeStartingUnderTheIdOfACrashedOneTakesItOverOnceItsHeartbeatHasStoodStillForTheNodeTimeout() {
        jdbc.sql("insert into node (id, started_at, heartbeat_at, control_applied)"
                        + " values (:id, current_timestamp, current_timestamp, 0)")
                .param("id", "crashed-" + tag)
                .update();
        NodeRegistry restarted = registry("crashed-" + tag);

        long started = System.nanoTime();
        restarted.register();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(NODE_TIMEOUT);
        assertThat(restarted.mustSelfFence()).isFalse();
        assertThat(restarted.heartbeat(0)).as("its heartbeat counts: the row is its own").isTrue();
    }

    /** A registry of its own with a short node timeout, on this context's database. */
    private NodeRegistry registry(String nodeId) {
        return new NodeRegistry(jdbc, new DeliveryProperties(nodeId, Duration.ofHours(1), Duration.ofMillis(500),
                NODE_TIMEOUT, Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1), 5,
                Duration.ofMinutes(1), Duration.ofHours(1), null, 2));
    }

    private boolean exists(String nodeId) {
        return jdbc.sql("select count(*) from node where id = :id").param("id", nodeId).query(Integer.class).single() > 0;
    }
}
