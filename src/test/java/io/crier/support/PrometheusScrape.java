package io.crier.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /actuator/prometheus}, parsed from Prometheus' text format: each sample is a
 * metric name, its labels and a value. Comment lines ({@code # HELP}, {@code # TYPE}) are skipped.
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** GET /actuator/prometheus without any credentials; fails unless it answers 200 in the text format. */
    public static PrometheusScrape of(Api api) {
        Reply reply = api.anonymous().get("/actuator/prometheus").expect(200);
        if (!reply.header("Content-Type").startsWith("text/plain")) {
            throw new AssertionError("Not Prometheus' text format: " + reply.header("Content-Type"));
        }
        return parse(reply.body());
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusScrape(samples);
    }

    /**
     * The value of the sample with this name and exactly these labels ({@code "relay", "default",
     * "outcome", "sent"}); fails when the scrape has no such sample.
     */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .mapToDouble(Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("No sample " + name + wanted + " in the scrape"));
    }

    /** The names of every sample in the scrape. */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toSet());
    }

    /** How much the sample grew from {@code earlier} to this scrape. */
    public double increase(PrometheusScrape earlier, String name, String... labelPairs) {
        return value(name, labelPairs) - earlier.value(name, labelPairs);
    }
}
