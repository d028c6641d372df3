package io.crier.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The before/after table of a run with {@code BASELINE=<rev>}: each figure as the baseline commit
 * measured it (its results carry the prefix {@code baseline.}) and as the current code did in the
 * same run, with the ratio current / baseline. With several rounds (bench/run.sh's
 * {@code BASELINE_ROUNDS}; round r > 1 prefixes its keys with {@code round<r>.}) each side's figure
 * is the mean over the rounds, and each round's own ratio shows how far the noise goes.
 */
final class BeforeAfter {

    static final String PREFIX = "baseline.";

    private final Map<String, String> results;
    private final List<String> databases;

    BeforeAfter(Map<String, String> results, List<String> databases) {
        this.results = results;
        this.databases = databases;
    }

    /** True when the run measured a baseline. */
    static boolean measured(Map<String, String> results) {
        return results.containsKey("run.baseline");
    }

    static int rounds(Map<String, String> results) {
        return Integer.parseInt(results.getOrDefault("run.baseline_rounds", "1"));
    }

    /** The prefix of one round's keys on one side; the current code's first round has none, as without a baseline. */
    private static String prefix(int round, boolean baseline) {
        return (round == 1 ? "" : "round" + round + ".") + (baseline ? PREFIX : "");
    }

    /** One side's figures: the current code's keys as they are, the baseline's with its prefix. */
    private record Side(Map<String, String> results, String prefix) {

        /** A figure by its key; NaN when missing or not a number. */
        double value(String key) {
            try {
                return Double.parseDouble(results.getOrDefault(prefix + key, ""));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    /** A row: how to read the figure from either side's results; a count prints without decimals. */
    private record Figure(String database, String name, ToDoubleFunction<Side> read, boolean count) {

        Figure(String database, String name, ToDoubleFunction<Side> read) {
            this(database, name, read, false);
        }
    }

    void append(StringBuilder out) {
        List<Figure> figures = figures();
        if (figures.isEmpty()) {
            return;
        }
        int rounds = rounds(results);
        out.append("### Before / after: baseline ").append(results.get("run.baseline")).append(", current ")
                .append(results.get("run.commit")).append(rounds > 1 ? ", mean of " + rounds + " rounds" : "")
                .append("\n\n");
        out.append("| Database | Figure | Baseline | Current | Current / baseline |")
                .append(rounds > 1 ? " Each round's ratio |\n|---|---|---|---|---|---|\n" : "\n|---|---|---|---|---|\n");
        for (Figure figure : figures) {
            List<String> roundRatios = new ArrayList<>();
            double before = 0;
            double after = 0;
            int measuredBefore = 0;
            int measuredAfter = 0;
            for (int round = 1; round <= rounds; round++) {
                double roundBefore = figure.read().applyAsDouble(new Side(results, prefix(round, true)));
                double roundAfter = figure.read().applyAsDouble(new Side(results, prefix(round, false)));
                roundRatios.add(ratio(roundBefore, roundAfter));
                if (!Double.isNaN(roundBefore)) {
                    before += roundBefore;
                    measuredBefore++;
                }
                if (!Double.isNaN(roundAfter)) {
                    after += roundAfter;
                    measuredAfter++;
                }
            }
            before = measuredBefore == 0 ? Double.NaN : before / measuredBefore;
            after = measuredAfter == 0 ? Double.NaN : after / measuredAfter;
            out.append("| ").append(BenchReport.label(figure.database())).append(" | ").append(figure.name())
                    .append(" | ").append(format(before, figure.count())).append(" | ").append(format(after, figure.count()))
                    .append(" | **")
                    .append(ratio(before, after)).append("** |")
                    .append(rounds > 1 ? " " + String.join(", ", roundRatios) + " |" : "").append("\n");
        }
        out.append("\nBoth sides ran in this run, each phase on each database with the baseline's benchmark "
                + "classes and right after or before it with the current ones")
                .append(rounds > 1 ? " (baseline first in odd rounds, current first in even ones)" : " (baseline first)")
                .append(", against the same sink and database server. Above 1 means more messages a second, but "
                        + "also longer pauses, slower snapshots and more heap; a dash means the figure is missing "
                        + "on one side.\n\n");
    }

    private static String ratio(double before, double after) {
        return Double.isNaN(before) || Double.isNaN(after) || before == 0 ? "–"
                : String.format(Locale.ROOT, "%.2f", after / before);
    }

    /** A commit's subject for the header, cut at a word before {@code max} characters. */
    static String shortened(String subject, int max) {
        if (subject.length() <= max) {
            return subject;
        }
        int space = subject.lastIndexOf(' ', max - 1);
        return subject.substring(0, space > 0 ? space : max - 1) + " …";
    }

    /** The figures either side has, by phase and database. */
    private List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (String db : databases) {
            String t = "throughput." + db + ".";
            if (eitherHas(t + "rate")) {
                figures.add(new Figure(db, "Throughput, msg/s", side -> side.value(t + "rate")));
                figures.add(new Figure(db, "Tracking on, msg/s", side -> side.value(t + "tracked.rate")));
                figures.add(new Figure(db, "Tracking on / off", side -> side.value(t + "tracked.rate")
                        / ((side.value(t + "rate") + side.value(t + "untracked_again.rate")) / 2)));
                figures.add(new Figure(db, "JVM CPU per message, ms", side -> cpuPerMessage(side, t)));
                if (eitherHas(t + "db_file_peak_mb")) {
                    figures.add(new Figure(db, "Database file at its peak, MB",
                            side -> side.value(t + "db_file_peak_mb")));
                }
            }
        }
        for (String db : databases) {
            String p = "pause." + db + ".";
            if (eitherHas(p + "p50_ms")) {
                figures.add(new Figure(db, "Pause p50, ms", side -> side.value(p + "p50_ms")));
                figures.add(new Figure(db, "Pause p99, ms", side -> side.value(p + "p99_ms")));
                figures.add(new Figure(db, "MAIL FROM after a pause returned",
                        side -> side.value(p + "mail_from_after_return"), true));
            }
        }
        for (String db : databases) {
            String p = "throttle." + db + ".";
            if (eitherHas(p + "worst_deviation_pct")) {
                figures.add(new Figure(db, "Throttle: worst slot's deviation from the limit, %",
                        side -> side.value(p + "worst_deviation_pct")));
                figures.add(new Figure(db, "Throttle: other domains done after, s",
                        side -> side.value(p + "others_seconds")));
            }
        }
        for (String db : databases) {
            for (int size : snapshotSizes(db)) {
                String s = "snapshot." + db + "." + size + ".";
                String audience = String.format(Locale.ROOT, "%,d", size);
                figures.add(new Figure(db, "Snapshot of " + audience + ", s", side -> side.value(s + "seconds")));
                figures.add(new Figure(db, "Snapshot of " + audience + ", JVM CPU s",
                        side -> side.value(s + "jvm_cpu_seconds")));
                figures.add(new Figure(db, "Snapshot of " + audience + ", peak heap MB",
                        side -> side.value(s + "heap_peak_mb")));
                figures.add(new Figure(db, "Snapshot of " + audience + ", highest heap after a GC, MB",
                        side -> side.value(s + "heap_peak_after_gc_mb")));
            }
        }
        if (eitherHas("nodes.1.rate")) {
            figures.add(new Figure("postgres", "1 node, msg/s", side -> side.value("nodes.1.rate")));
            figures.add(new Figure("postgres", "2 nodes, msg/s", side -> side.value("nodes.2.rate")));
            figures.add(new Figure("postgres", "2 nodes / 1 node",
                    side -> side.value("nodes.2.rate") / side.value("nodes.1.rate")));
        }
        if (eitherHas("client.angus.rate")) {
            // Crier's SMTP client alone: a change to it shows here, apart from the engine's work.
            figures.add(new Figure("any", "SMTP client alone (Angus Mail as Crier uses it), msg/s",
                    side -> side.value("client.angus.rate")));
        }
        return figures;
    }

    /** CPU milliseconds the whole JVM spent per message sent, end to end (less load-dependent than the rate). */
    private static double cpuPerMessage(Side side, String prefix) {
        return side.value(prefix + "jvm_cpu_cores") * side.value(prefix + "end_to_end_seconds")
                / side.value(prefix + "sent") * 1000;
    }

    /** The audience sizes either side measured in any round. */
    private TreeSet<Integer> snapshotSizes(String db) {
        Pattern seconds = Pattern.compile("(round\\d+\\.)?(baseline\\.)?snapshot\\." + db + "\\.(\\d+)\\.seconds");
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String key : results.keySet()) {
            Matcher matcher = seconds.matcher(key);
            if (matcher.matches()) {
                sizes.add(Integer.parseInt(matcher.group(3)));
            }
        }
        return sizes;
    }

    /** True when either side measured the figure in any round. */
    private boolean eitherHas(String key) {
        for (int round = 1; round <= rounds(results); round++) {
            if (results.containsKey(prefix(round, false) + key) || results.containsKey(prefix(round, true) + key)) {
                return true;
            }
        }
        return false;
    }

    private static String format(double value, boolean count) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (count && value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
