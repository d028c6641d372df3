package io.crier.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.crier.support.Caller;

/**
 * The {@code api} phase: how long a control call takes while the node sends at full speed. One
 * client calls {@code GET /v1/campaigns/{id}} in a loop, one call after another: first on the
 * idle node (the campaign still a draft), then from the campaign's start until it is sent,
 * counting the calls answered while it was {@code sending}. Into the relay at {@code --sink-port},
 * unsigned, after a warm-up campaign; each call is timed from sending the request to reading the
 * whole response. The node's per-key rate limit is lifted, which the loop would exceed.
 */
final class ControlApiLatency {

    /** Calls before the idle ones are timed: the handler's code compiled first. */
    private static final int WARM_UP_CALLS = 500;
    private static final int IDLE_CALLS = 1_000;

    private ControlApiLatency() {
    }

    static void run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 30_000);
        int warmup = options.intValue("warmup", Math.min(10_000, Math.max(1_000, messages / 5)));
        String prefix = "api." + options.databaseName() + ".";
        System.out.printf("Control API on %s: GET /v1/campaigns/{id} idle, and during a %,d-message campaign (after a"
                + " %,d-message warm-up) into 127.0.0.1:%s%n", options.databaseName(), messages, warmup,
                options.require("sink-port"));
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", options.require("sink-port"),
                        "crier.smtp.max-connections", options.get("connections", "8"),
                        // The loop calls far more often than the per-key limit lets one key (100/s).
                        "crier.rate-limit.requests-per-second", "1000000",
                        "crier.rate-limit.burst", "1000000"))) {
            EngineBenchmark.recordServerVersion(options, database, node);
            EngineBenchmark.sendAll(new BenchAudience(node, database.kind()), warmup, "Warm-up");
            BenchAudience audience = new BenchAudience(node, database.kind());
            String list = audience.newList("control");
            audience.addContacts(messages, list);
            String campaign = audience.campaign("Control", List.of(list), List.of(), false);
            Caller client = audience.caller();
            String path = "/v1/campaigns/" + campaign;

            for (int i = 0; i < WARM_UP_CALLS; i++) {
                timedStatus(client, path);
            }
            List<Double> idle = new ArrayList<>();
            for (int i = 0; i < IDLE_CALLS; i++) {
                idle.add(timedStatus(client, path).millis());
            }
            options.result(prefix + "messages", messages);
            record(options, prefix + "idle.", idle);

            List<Double> sending = new ArrayList<>();
            long started = System.nanoTime();
            audience.send(campaign);
            long deadline = started + BenchAudience.patience(messages).toNanos();
            Call call;
            PoolWatch pools = PoolWatch.start(node);
            do {
                call = timedStatus(client, path);
                if (call.status().equals("sending")) {
                    sending.add(call.millis());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Campaign " + campaign + " is " + call.status() + " after "
                            + BenchAudience.patience(messages));
                }
            } while (!call.status().equals("sent"));
            pools.close();
            pools.record(options, prefix + "sending.");
            double seconds = (System.nanoTime() - started) / 1e9;
            options.result(prefix + "campaign_rate", EngineBenchmark.round(messages / seconds));
            record(options, prefix + "sending.", sending);
        }
    }

    private record Call(String status, double millis) {
    }

    private static Call timedStatus(Caller client, String path) {
        long started = System.nanoTime();
        String status = client.get(path).expect(200).data().path("status").asString();
        return new Call(status, (System.nanoTime() - started) / 1e6);
    }

    private static void record(BenchOptions options, String prefix, List<Double> millis) {
        Collections.sort(millis);
        options.result(prefix + "calls", millis.size());
        if (!millis.isEmpty()) {
            options.result(prefix + "p50_ms", EngineBenchmark.round(EngineBenchmark.percentile(millis, 0.50)));
            options.result(prefix + "p99_ms", EngineBenchmark.round(EngineBenchmark.percentile(millis, 0.99)));
            options.result(prefix + "max_ms", EngineBenchmark.round(millis.getLast()));
        }
    }
}
