package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;

/**
 * Gradual sending against a clock the test moves step by step. After every step the number of
 * messages the relay received must be exactly what the campaign's limits allow by then: one per
 * interval of the tightest limit, from the moment it started. A burst at the start of a window,
 * or a limit not honoured, shows as a count above that.
 */
class GradualSendTest extends ClockedEngineCase {

    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

    @ParameterizedTest(name = "emailsPerDay {0}, perHour {1}, perMinute {2}: one send every {3} s")
    @CsvSource({
            "10000, 600, 2,  30",
            "10000, 60,  6,  60",
            "960,   600, 10, 90"})
    void theTightestLimitWinsAndSendsAreSpreadEvenly(int emailsPerDay, int perHour, int perMinute, long gapSeconds) {
        List<String> emails = addresses("g", 6);
        String id = startGradual(emails, Map.of("emailsPerDay", emailsPerDay, "perHour", perHour,
                "perMinute", perMinute));

        followTheClock(emails, gapSeconds / 3, gapSeconds * 4, elapsed -> elapsed / gapSeconds + 1);

        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }

    @ParameterizedTest(name = "{0} a day growing {1}: {2} on day 1, then {3}, then {4}")
    @CsvSource({
            "3, fixed, 3, 3, 3",
            "2, 2x,    2, 4, 8"})
    void dayNAllowsEmailsPerDayTimesGrowthToThePowerNMinusOne(int emailsPerDay, String growth, int day1, int day2,
            int day3) {
        int[] quotas = {day1, day2, day3};
        List<String> emails = addresses("g", day1 + day2 + day3);
        String id = startGradual(emails, Map.of("emailsPerDay", emailsPerDay, "growth", growth));

        // Half the shortest interval, so every step lands on a send time: the engine never catches up
        // more than a second of sending time, so slots the clock jumped past would be lost.
        long step = DAY_SECONDS / day3 / 2;
        followTheClock(emails, step, 3 * DAY_SECONDS - 1, elapsed -> allowedByDay(quotas, elapsed));

        assertThat(Eventually.status(caller, id, "sent").data().path("metrics").path("sent").asInt())
                .isEqualTo(emails.size());
    }

    @Test
    void timeSpentPausedBanksNoBurst() {
        List<String> emails = addresses("g", 40);
        String id = startGradual(emails, Map.of("perMinute", 600));
        awaitReceived(emails, 1);

        caller.post("/v1/campaigns/" + id + "/pause").expect(200);
        clock.advance(Duration.ofHours(6));
        awaitDispatched(emails);
        assertThat(received(emails)).as("nothing is sent while paused").isEqualTo(1);

        caller.post("/v1/campaigns/" + id + "/resume").expect(200);
        awaitReceived(emails, 2);
        awaitDispatched(emails);
        assertThat(received(emails) - 1).as("at most one second's worth (10 a second, both ends counted)")
                .isBetween(1, 11);

        int before = received(emails);
        clock.advance(Duration.ofSeconds(1));
        awaitDispatched(emails);
        assertThat(received(emails) - before).as("then one second's worth per second").isBetween(1, 10);
        caller.post("/v1/campaigns/" + id + "/abort").expect(200);
    }

    /** A gradual campaign to these addresses, started now on the test clock. */
    private String startGradual(List<String> emails, Map<String, Object> gradual) {
        Map<String, Object> settings = new HashMap<>(Map.of("sendMode", "gradual", "gradual", gradual));
        String id = Audiences.campaign(caller, settings, Audiences.list(caller, emails));
        caller.post("/v1/campaigns/" + id + "/send").expect(200);
        Eventually.status(caller, id, "sending_gradual");
        return id;
    }

    /**
     * Moves the clock in steps of {@code stepSeconds} until {@code endSeconds} after the start, and
     * checks after each step that exactly {@code allowed(elapsed seconds)} messages were received.
     */
    private void followTheClock(List<String> emails, long stepSeconds, long endSeconds, LongUnaryOperator allowed) {
        awaitReceived(emails, 1);
        for (long elapsed = stepSeconds; elapsed <= endSeconds; elapsed += stepSeconds) {
            clock.advance(Duration.ofSeconds(stepSeconds));
            int expected = (int) allowed.applyAsLong(elapsed);
            awaitReceived(emails, expected);
            awaitDispatched(emails);
            assertThat(received(emails)).as("received %d s after the start", elapsed).isEqualTo(expected);
        }
    }

    /**
     * What days of {@code quotas[n]} sends each allow by {@code elapsed} seconds: each day's quota,
     * one send at the day's start and then one every day / quota.
     */
    private static long allowedByDay(int[] quotas, long elapsed) {
        long allowed = 0;
        for (int day = 0; day < quotas.length && elapsed >= day * DAY_SECONDS; day++) {
            long intoDay = elapsed - day * DAY_SECONDS;
            allowed += Math.min(quotas[day], intoDay / (DAY_SECONDS / quotas[day]) + 1);
        }
        return allowed;
    }

    private int received(List<String> emails) {
        var mine = new HashSet<>(emails);
        return (int) smtp.received().stream().filter(r -> mine.contains(r.recipient())).count();
    }

    private void awaitReceived(List<String> emails, int count) {
        Eventually.await(count + " received", Duration.ofSeconds(10), () -> received(emails), n -> n >= count);
    }
}
