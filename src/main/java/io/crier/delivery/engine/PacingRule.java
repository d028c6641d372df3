package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;

import io.crier.campaign.LaunchedCampaign;

/**
 * A gradual campaign's limits: {@code emailsPerDay} growing by {@code growth} each day (day n
 * sends emailsPerDay × growth^(n-1)), and/or {@code perHour}, {@code perMinute}. The tightest limit
 * wins, and sends are spread evenly: the rule gives the gap between two sends, not a burst quota.
 * Null limits do not apply.
 */
record PacingRule(Integer emailsPerDay, double growth, Integer perHour, Integer perMinute) {

    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

    /** The rule of a gradual campaign's limits. */
    static PacingRule of(LaunchedCampaign.Gradual gradual) {
        return new PacingRule(gradual.emailsPerDay(), gradual.growth(), gradual.perHour(), gradual.perMinute());
    }

    /** The gap between two sends at {@code now}, for a campaign that began sending at {@code startedAt}. */
    Duration interval(Instant startedAt, Instant now) {
        long gap = 0;
        if (emailsPerDay != null) {
            gap = Math.max(gap, (long) Math.ceil(NANOS_PER_DAY / dailyQuota(day(startedAt, now))));
        }
        if (perHour != null) {
            gap = Math.max(gap, Duration.ofHours(1).toNanos() / perHour);
        }
        if (perMinute != null) {
            gap = Math.max(gap, Duration.ofMinutes(1).toNanos() / perMinute);
        }
        return Duration.ofNanos(gap);
    }

    /** Day 1 is the first 24 hours after sending began. */
    static long day(Instant startedAt, Instant now) {
        return Math.max(0, Duration.between(startedAt, now).toNanos()) / NANOS_PER_DAY + 1;
    }

    double dailyQuota(long day) {
        return Math.max(1, Math.floor(emailsPerDay * Math.pow(growth, day - 1)));
    }
}
