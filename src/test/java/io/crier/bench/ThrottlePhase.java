package io.crier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code throttle} phase: one campaign to {@code --throttled} recipients at gmail.com, which
 * {@code crier.smtp.throttles} holds to {@code --per-minute}, and {@code --others} at other
 * domains, which nothing holds, into a timestamping sink in this JVM. The sink's acceptance times
 * give the rate the provider saw in each {@code --slot-seconds} slot, as a ratio to the limit,
 * and how soon the other domains' mail was through.
 * <p>
 * The measured slots start one second after gmail.com's first message: a throttle banks at most
 * a second of idle time ({@code GradualPacer.CATCH_UP}), so its start may send up to a second's
 * worth at once; that burst is recorded apart. They end with the last whole slot before its last
 * message.
 */
final class ThrottlePhase {

    static final String PROVIDER = "gmail.com";

    private ThrottlePhase() {
    }

    static void run(BenchOptions options) throws Exception {
        int perMinute = options.intValue("per-minute", 6_000);
        int throttled = options.intValue("throttled", perMinute / 2);
        int others = options.intValue("others", 3_000);
        int slotSeconds = options.intValue("slot-seconds", 5);
        String prefix = "throttle." + options.databaseName() + ".";
        System.out.printf("Throttle on %s: %,d messages to %s at %,d a minute beside %,d to other domains%n",
                options.databaseName(), throttled, PROVIDER, perMinute, others);
        try (TimestampingSmtpSink sink = new TimestampingSmtpSink();
                BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", Integer.toString(sink.port()),
                        "crier.smtp.max-connections", options.get("connections", "8"),
                        "crier.smtp.throttles[0].name", "gmail",
                        "crier.smtp.throttles[0].domains", PROVIDER + ",googlemail.com",
                        "crier.smtp.throttles[0].max-per-minute", Integer.toString(perMinute)))) {
            BenchAudience audience = new BenchAudience(node, database.kind());
            String list = audience.newList("throttle");
            audience.addContacts(throttled, list, PROVIDER);
            audience.addContacts(others, list, "bench.crier.test");
            String campaign = audience.campaign("Throttle", List.of(list), List.of(), false);
            long started = System.nanoTime();
            audience.send(campaign);
            audience.awaitStatus(campaign, "sent", BenchAudience.patience(throttled + others)
                    .plus(Duration.ofMinutes(1).multipliedBy(Math.max(1, throttled / perMinute))));

            long[] limited = sink.acceptedTimes(PROVIDER);
            long[] free = sink.acceptedTimesExcept(Set.of(PROVIDER));
            double limitPerSecond = perMinute / 60.0;
            List<Double> ratios = slotRatios(limited, slotSeconds, limitPerSecond);
            double worst = ratios.stream().mapToDouble(ratio -> Math.abs(ratio - 1)).max().orElse(Double.NaN);
            long firstSecond = countBetween(limited, limited[0], limited[0] + 1_000_000_000L);
            options.result(prefix + "per_minute", perMinute);
            options.result(prefix + "slot_seconds", slotSeconds);
            options.result(prefix + "throttled", limited.length);
            options.result(prefix + "first_second", firstSecond);
            options.result(prefix + "slots", ratios.size());
            options.result(prefix + "ratios", String.join(" ", ratios.stream().map(ThrottlePhase::ratio).toList()));
            options.result(prefix + "ratio_min", ratio(ratios.stream().mapToDouble(r -> r).min().orElse(Double.NaN)));
            options.result(prefix + "ratio_max", ratio(ratios.stream().mapToDouble(r -> r).max().orElse(Double.NaN)));
            options.result(prefix + "worst_deviation_pct", String.format(Locale.ROOT, "%.1f", worst * 100));
            options.result(prefix + "throttled_seconds", seconds(started, limited[limited.length - 1]));
            options.result(prefix + "others", free.length);
            options.result(prefix + "others_seconds", seconds(started, free[free.length - 1]));
            options.result(prefix + "others_rate", String.format(Locale.ROOT, "%.0f",
                    (free.length - 1) / ((free[free.length - 1] - free[0]) / 1e9)));
            options.result(prefix + "duplicates", sink.duplicates());
        }
    }

    /**
     * The rate in each whole slot from a second after the first message to the last one, divided
     * by the limit.
     */
    static List<Double> slotRatios(long[] times, int slotSeconds, double limitPerSecond) {
        long slot = slotSeconds * 1_000_000_000L;
        List<Double> ratios = new ArrayList<>();
        for (long from = times[0] + 1_000_000_000L; from + slot <= times[times.length - 1]; from += slot) {
            ratios.add(countBetween(times, from, from + slot) / (slotSeconds * limitPerSecond));
        }
        return ratios;
    }

    /** How many of the sorted times lie in [from, to). */
    private static long countBetween(long[] times, long from, long to) {
        return Arrays.stream(times).filter(t -> t >= from && t < to).count();
    }

    private static String seconds(long from, long to) {
        return String.format(Locale.ROOT, "%.1f", (to - from) / 1e9);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
