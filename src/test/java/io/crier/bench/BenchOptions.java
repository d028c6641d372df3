package io.crier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's command line, {@code <phase> --name=value ...}, and the results file every
 * phase appends its figures to as {@code name=value} lines (bench/run.sh collects them).
 */
record BenchOptions(String phase, Map<String, String> values) {

    static BenchOptions parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("Usage: EngineBenchmark <throughput|pause|snapshot|report> --name=value ...");
        }
        Map<String, String> values = new HashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            int equals = arg.indexOf('=');
            values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return new BenchOptions(args[0], values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required for " + phase);
        }
        return value;
    }

    int intValue(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    List<Integer> intList(String name, String fallback) {
        return Arrays.stream(get(name, fallback).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    BenchDatabase.Kind database() {
        return BenchDatabase.Kind.valueOf(require("db").toUpperCase(Locale.ROOT));
    }

    /** The database's name as results and tables use it. */
    String databaseName() {
        return database().name().toLowerCase(Locale.ROOT);
    }

    Path results() {
        return Path.of(require("results"));
    }

    /** Appends one figure to the results file, and shows it. */
    void result(String key, Object value) {
        String line = key + "=" + value;
        System.out.println("  " + line);
        try {
            Files.writeString(results(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
