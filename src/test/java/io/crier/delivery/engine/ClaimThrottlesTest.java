package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.PoolRelaysConfiguration.PoolRelays;
import io.crier.support.ScriptedSmtpServer;
import io.crier.shared.Timestamps;

/**
 * A mailbox provider's throttle and a pool's limits in the engine, on the test clock. The test
 * context throttles slow.example to 6 a minute (a slot every 10 s) and its {@code metered} pool to
 * 6 a minute and 3 a day. After each step of the clock the relay must have exactly the slots' worth;
 * the slot row, which every node takes from, proves that no more were handed out.
 */
class ClaimThrottlesTest extends ClockedEngineCase {

    @Autowired
    PoolRelays pools;

    @Autowired
    JdbcClient jdbc;

    @Test
    void mailToAThrottledProviderGoesOutOneSlotAtATimeWhileOtherRecipientsAreNotHeldBack() {
        List<String> slow = List.of("s0-" + tag + "@slow.example", "s1-" + tag + "@slowmail.example",
                "s2-" + tag + "@SLOW.example");
        List<String> others = addresses("fast", 4);
        long takenBefore = dayCount("provider:slowmail");
        List<String> all = new ArrayList<>(slow);
        all.addAll(others);
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, all));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);

        awaitReceived(smtp, others, others.size());
        for (int slot = 1; slot <= slow.size(); slot++) {
            awaitReceived(smtp, slow, slot);
            assertThat(dayCount("provider:slowmail") - takenBefore).as("slots taken by step %d", slot)
                    .isEqualTo(slot);
            assertThat(nextSlot("provider:slowmail")).isAfter(clock.instant());
            clock.advance(Duration.ofSeconds(10));
        }
        Eventually.status(caller, id, "sent");
    }

    @Test
    void aPoolKeepsToItsRateAndStopsAtItsDailyVolumeUntilTheNextUtcDay() {
        caller.post("/v1/relay-routes", Map.of("pool", "metered")).expect(201);
        List<String> emails = addresses("metered", 4);
        clock.advanceTo(SendSlots.startOfDay(clock.instant()).plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
        String id = Audiences.campaign(caller, Map.of(), Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);

        for (int slot = 1; slot <= 3; slot++) {
            awaitReceived(pools.bulk(), emails, slot);
            assertThat(nextSlot("pool:metered")).isAfter(clock.instant());
            clock.advance(Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(dayCount("pool:metered")).as("the day's volume").isEqualTo(3);
        assertThat(caller.get("/v1/relay-pools").expect(200).data().path("pools").valueStream()
                .filter(pool -> pool.path("name").asString().equals("metered")).findFirst().orElseThrow()
                .path("remainingVolume").asLong()).isZero();
        assertThat(received(pools.bulk(), emails)).isEqualTo(3);

        clock.advanceTo(SendSlots.startOfDay(clock.instant()).plus(Duration.ofDays(1)));
        Eventually.status(caller, id, "sent");
        assertThat(received(pools.bulk(), emails)).isEqualTo(4);
    }

    private long dayCount(String slot) {
        return jdbc.sql("select day_count from send_slot where name = :name").param("name", slot)
                .query(Long.class).single();
    }

    private Instant nextSlot(String slot) {
        return jdbc.sql("select next_slot_at from send_slot where name = :name").param("name", slot)
                .query((rs, n) -> Timestamps.read(rs, "next_slot_at")).single().truncatedTo(ChronoUnit.MILLIS);
    }

    private static long received(ScriptedSmtpServer server, List<String> emails) {
        return server.received().stream().filter(r -> emails.stream().anyMatch(r.recipient()::equalsIgnoreCase))
                .count();
    }

    private static void awaitReceived(ScriptedSmtpServer server, List<String> emails, int count) {
        Eventually.await(count + " received", Duration.ofSeconds(10), () -> received(server, emails), n -> n >= count);
    }
}
