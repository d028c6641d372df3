package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.crier.delivery.smtp.RelayPool;
import io.crier.delivery.smtp.RelaySettings;
import io.crier.delivery.smtp.SmtpSecurity;

/** A pool's connections under its cap, and how a limit's slots come due, without a database. */
class RelayPoolLimitsTest {

    private static final RelaySettings WIDE = relay("wide", 3);
    private static final RelaySettings NARROW = relay("narrow", 1);

    @Test
    void aPoolsConnectionCapTakesFromEveryRelayInTurn() {
        assertThat(pool(null).connections()).containsExactly(WIDE, NARROW, WIDE, WIDE);
        assertThat(pool(3).connections()).containsExactly(WIDE, NARROW, WIDE);
        assertThat(pool(1).connections()).containsExactly(WIDE);
    }

    @Test
    void slotsComeOneIntervalApartAndIdleTimeBanksNoMoreThanTheCatchUp() {
        SendSlots.Limit perSecondTwo = new SendSlots.Limit(Duration.ofMillis(500), null);
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        SendSlots.Slot idle = new SendSlots.Slot("pool:x", now.minus(Duration.ofHours(3)), SendSlots.startOfDay(now),
                0);

        SendSlots.Taken first = perSecondTwo.take(idle, 100, now);
        assertThat(first.count()).as("one second's catch-up, both ends counted").isEqualTo(3);
        assertThat(perSecondTwo.take(first.after(), 100, now).count()).isZero();
        assertThat(perSecondTwo.take(first.after(), 100, now.plusMillis(500)).count()).isEqualTo(1);
    }

    @Test
    void aDailyVolumeStopsTheDayAndStartsAgainAtUtcMidnight() {
        SendSlots.Limit threeADay = new SendSlots.Limit(Duration.ZERO, 3L);
        Instant evening = Instant.parse("2026-12-07T23:00:00Z");
        SendSlots.Slot fresh = new SendSlots.Slot("pool:x", evening, SendSlots.startOfDay(evening), 0);

        SendSlots.Taken day = threeADay.take(fresh, 10, evening);
        assertThat(day.count()).isEqualTo(3);
        assertThat(threeADay.take(day.after(), 10, evening.plus(Duration.ofMinutes(59))).count()).isZero();
        assertThat(threeADay.take(day.after(), 10, Instant.parse("2026-12-08T00:00:00Z")).count()).isEqualTo(3);
    }

    private static RelayPool pool(Integer maxConnections) {
        return new RelayPool("p", List.of(WIDE, NARROW), null, null, maxConnections, null, Set.of("*"));
    }

    private static RelaySettings relay(String name, int connections) {
        return new RelaySettings(name, "127.0.0.1", 25, null, null, SmtpSecurity.NONE, null, connections, null);
    }
}
