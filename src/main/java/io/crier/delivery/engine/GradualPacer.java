package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;

/**
 * Hands out send slots of gradual campaigns from one row per campaign, locked while slots are
 * taken, so every node together keeps the rate. Slots never lie further back than
 * {@link #CATCH_UP}: time spent paused or idle does not bank a burst.
 */
@Component
class GradualPacer {

    /** The most sending time a campaign may make up for at once: covers polling gaps, banks no burst. */
    static final Duration CATCH_UP = Duration.ofSeconds(1);

    private final JdbcClient jdbc;

    GradualPacer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Called in the transaction that starts a gradual campaign. */
    void begin(UUID campaignId, Instant now) {
        jdbc.sql("insert into campaign_pacing (campaign_id, started_at, next_slot_at) values (:id, :now, :now)")
                .param("id", campaignId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /**
     * Takes up to {@code wanted} of the slots that are due at {@code now}; must run in a
     * transaction. Returns how many it took (possibly none). Slots are taken as they come due, so
     * sends follow the slots' spacing rather than bursting.
     */
    int reserve(UUID campaignId, PacingRule rule, Instant now, int wanted) {
        var row = jdbc.sql("select started_at, next_slot_at from campaign_pacing where campaign_id = :id for update")
                .param("id", campaignId)
                .query((rs, n) -> new Instant[] {Timestamps.read(rs, "started_at"), Timestamps.read(rs, "next_slot_at")})
                .optional();
        if (row.isEmpty()) {
            return 0;
        }
        Instant startedAt = row.get()[0];
        // A campaign that fell behind (paused, idle, slow polling) catches up at most CATCH_UP's worth.
        Instant floor = now.minus(CATCH_UP);
        Instant slot = row.get()[1].isBefore(floor) ? floor : row.get()[1];
        int taken = 0;
        while (taken < wanted && !slot.isAfter(now)) {
            taken++;
            slot = slot.plus(rule.interval(startedAt, slot));
        }
        if (taken > 0) {
            jdbc.sql("update campaign_pacing set next_slot_at = :next where campaign_id = :id")
                    .param("id", campaignId)
                    .param("next", Timestamps.toDb(slot))
                    .update();
        }
        return taken;
    }
}
