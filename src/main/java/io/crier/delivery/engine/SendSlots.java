package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/**
 * Send slots that every node takes from the same rows of {@code send_slot}, locked while slots are
 * taken, so a limit holds for the installation and not per node (as {@link GradualPacer} does for
 * gradual campaigns). A row's slots come one {@link Limit#interval} apart; they never lie further
 * back than {@link GradualPacer#CATCH_UP}, so idle time banks no burst. A daily volume counts the
 * slots taken since UTC midnight.
 */
@Repository
public class SendSlots {

    /** One row: when its next slot falls due, and how many slots were taken on its day. */
    record Slot(String name, Instant nextSlotAt, Instant dayStart, long dayCount) {
    }

    /** How many slots a take got, and the row after it. */
    record Taken(int count, Slot after) {
    }

    /** The spacing of a row's slots, and its daily volume (null: none). */
    record Limit(Duration interval, Long dailyVolume) {

        /** Takes up to {@code wanted} of the slots due at {@code now}. */
        Taken take(Slot slot, int wanted, Instant now) {
            Instant today = startOfDay(now);
            long dayCount = slot.dayStart().isBefore(today) ? 0 : slot.dayCount();
            Instant floor = now.minus(GradualPacer.CATCH_UP);
            Instant next = slot.nextSlotAt().isBefore(floor) ? floor : slot.nextSlotAt();
            int taken = 0;
            while (taken < wanted && !next.isAfter(now) && (dailyVolume == null || dayCount < dailyVolume)) {
                taken++;
                dayCount++;
                next = next.plus(interval);
            }
            return new Taken(taken, new Slot(slot.name(), next, today, dayCount));
        }
    }

    private final JdbcClient jdbc;

    /** The row of a relay pool's limits. */
    public static String ofPool(String pool) {
        return "pool:" + pool;
    }

    /** The row of a mailbox provider's throttle. */
    static String ofProvider(String provider) {
        return "provider:" + provider;
    }

    SendSlots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the rows that are missing, each in a statement of its own (outside any transaction): a
     * node racing another to make one leaves it to the other.
     */
    void ensure(Collection<String> names, Instant now) {
        for (String name : names) {
            if (jdbc.sql("select count(*) from send_slot where name = :name").param("name", name)
                    .query(Long.class).single() > 0) {
                continue;
            }
            try {
                jdbc.sql("insert into send_slot (name, next_slot_at, day_start, day_count)"
                                + " values (:name, :now, :today, 0)")
                        .param("name", name)
                        .param("now", Timestamps.toDb(now))
                        .param("today", Timestamps.toDb(startOfDay(now)))
                        .update();
            } catch (DuplicateKeyException madeByAnotherNode) {
                // The row exists: that is all this wanted.
            }
        }
    }

    /** Locks these rows, in the order of their names so that two nodes cannot deadlock on them. */
    Map<String, Slot> lock(Collection<String> names) {
        Map<String, Slot> locked = new LinkedHashMap<>();
        jdbc.sql("select * from send_slot where name in (:names) order by name for update")
                .param("names", names)
                .query((rs, n) -> new Slot(rs.getString("name"), Timestamps.read(rs, "next_slot_at"),
                        Timestamps.read(rs, "day_start"), rs.getLong("day_count")))
                .list()
                .forEach(slot -> locked.put(slot.name(), slot));
        return locked;
    }

    void save(Slot slot) {
        jdbc.sql("update send_slot set next_slot_at = :next, day_start = :dayStart, day_count = :dayCount"
                        + " where name = :name")
                .param("next", Timestamps.toDb(slot.nextSlotAt()))
                .param("dayStart", Timestamps.toDb(slot.dayStart()))
                .param("dayCount", slot.dayCount())
                .param("name", slot.name())
                .update();
    }

    /** How many slots this row took today; none when it has taken none. */
    public long takenToday(String name, Instant now) {
        Optional<Slot> slot = jdbc.sql("select * from send_slot where name = :name")
                .param("name", name)
                .query((rs, n) -> new Slot(name, Timestamps.read(rs, "next_slot_at"),
                        Timestamps.read(rs, "day_start"), rs.getLong("day_count")))
                .optional();
        return slot.filter(s -> !s.dayStart().isBefore(startOfDay(now))).map(Slot::dayCount).orElse(0L);
    }

    static Instant startOfDay(Instant now) {
        return now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    }
}
