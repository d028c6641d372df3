package io.crier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crier.support.CrierProcess;

/**
 * The {@code nodes} phase (PostgreSQL only): one campaign sent by one Crier node, then the same
 * by two. Each node is a JVM of its own, started as the suite's multi-node tests start theirs
 * ({@link CrierProcess}: its own HTTP port and node id) but with the full compiler, the default
 * collector, {@code --node-heap} and Crier's default connection pool, all on one database and
 * sending into the relay at {@code --sink-port} with {@code --connections} each (a node's limit
 * on the default relay is its own, so two nodes open twice as many).
 * <p>
 * Fresh nodes for each count, each warmed up by a campaign of {@code --warmup} messages per node,
 * so neither count profits from the other's JIT work. This JVM is no sender: it runs a Crier with
 * the engine off, to make the workspace, seed contacts, call the API and read the ledger.
 * Recorded per count: the rate as in the throughput phase, the CPU of each node, of the
 * PostgreSQL server, of the sink ({@code --sink-pid}) and of this JVM, and how busy the machine's
 * cores were.
 */
final class NodesPhase {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private NodesPhase() {
    }

    static void run(BenchOptions options) throws Exception {
        if (options.database() != BenchDatabase.Kind.POSTGRES) {
            throw new IllegalArgumentException("The nodes phase needs --db=postgres: nodes share a database server");
        }
        int messages = options.intValue("messages", 20_000);
        int warmup = options.intValue("warmup", Math.max(2_000, messages / 5));
        String sinkPort = options.require("sink-port");
        System.out.printf("Nodes on postgres: a %,d-message campaign on 1 node, then on 2 (after %,d warm-up messages"
                + " per node) into 127.0.0.1:%s%n", messages, warmup, sinkPort);
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode driver = CrierNode.start(database, Map.of(
                        "crier.delivery.enabled", "false",
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", sinkPort,
                        "spring.datasource.hikari.maximum-pool-size", "4"))) {
            EngineBenchmark.recordServerVersion(options, database, driver);
            options.result("nodes.messages", messages);
            options.result("nodes.warmup_per_node", warmup);
            options.result("nodes.connections_per_node", options.get("connections", "8"));
            options.result("nodes.node_heap", options.get("node-heap", "1g"));
            for (int count = 1; count <= 2; count++) {
                List<CrierProcess> nodes = new ArrayList<>();
                try {
                    for (int n = 1; n <= count; n++) {
                        nodes.add(CrierProcess.start("bench-" + count + "-node-" + n,
                                List.of("-Xmx" + options.get("node-heap", "1g")), nodeSettings(options, database)));
                    }
                    nodes.forEach(node -> node.awaitReady(STARTUP));
                    EngineBenchmark.sendAll(new BenchAudience(driver, database.kind()), warmup * count,
                            "Warm-up on " + count + " nodes");
                    measure(options, driver, database, nodes, messages, "nodes." + count + ".");
                } finally {
                    nodes.forEach(CrierProcess::close);
                }
            }
        }
    }

    private static Map<String, String> nodeSettings(BenchOptions options, BenchDatabase database) {
        Map<String, String> settings = new LinkedHashMap<>(database.crierProperties());
        settings.put("crier.smtp.host", "127.0.0.1");
        settings.put("crier.smtp.port", options.require("sink-port"));
        settings.put("crier.smtp.max-connections", options.get("connections", "8"));
        // Crier's default pool (application.yml): CrierProcess makes it smaller for the tests.
        settings.put("spring.datasource.hikari.maximum-pool-size", "20");
        settings.put("logging.level.root", "WARN");
        return settings;
    }

    /** One campaign to {@code messages} new contacts, sent by the running nodes; its figures under {@code prefix}. */
    private static void measure(BenchOptions options, CrierNode driver, BenchDatabase database, List<CrierProcess> nodes,
            int messages, String prefix) throws Exception {
        BenchAudience audience = new BenchAudience(driver, database.kind());
        String list = audience.newList("nodes");
        audience.addContacts(messages, list);
        String campaign = audience.campaign("Nodes", List.of(list), List.of(), false);
        long sinkPid = Long.parseLong(options.get("sink-pid", "0"));

        long[] nodesBefore = nodes.stream().mapToLong(node -> node.cpuTime().toNanos()).toArray();
        Map<Long, Long> postgresBefore = CpuTimes.postgresNanos();
        long sinkBefore = CpuTimes.processNanos(sinkPid);
        long driverBefore = EngineBenchmark.processCpuNanos();
        long machineBefore = CpuTimes.machineBusyNanos();
        long started = System.nanoTime();
        audience.send(campaign);
        audience.awaitStatus(campaign, "sent", BenchAudience.patience(messages));
        double seconds = (System.nanoTime() - started) / 1e9;
        long machine = CpuTimes.machineBusyNanos() - machineBefore;
        long driverCpu = EngineBenchmark.processCpuNanos() - driverBefore;
        long sink = CpuTimes.processNanos(sinkPid) - sinkBefore;
        long postgres = CpuTimes.postgresNanosBetween(postgresBefore, CpuTimes.postgresNanos());
        long nodesTotal = 0;
        for (int i = 0; i < nodes.size(); i++) {
            long used = nodes.get(i).cpuTime().toNanos() - nodesBefore[i];
            nodesTotal += used;
            options.result(prefix + "node" + (i + 1) + "_cpu_cores", cores(used, seconds));
        }

        EngineBenchmark.SentWindow window = EngineBenchmark.sentWindow(driver, campaign);
        options.result(prefix + "sent", window.sent());
        options.result(prefix + "not_sent", window.notSent());
        options.result(prefix + "rate", EngineBenchmark.round(window.rate()));
        options.result(prefix + "end_to_end_seconds", EngineBenchmark.round(seconds));
        options.result(prefix + "end_to_end_rate", EngineBenchmark.round(messages / seconds));
        options.result(prefix + "nodes_cpu_cores", cores(nodesTotal, seconds));
        options.result(prefix + "postgres_cpu_cores", cores(postgres, seconds));
        options.result(prefix + "sink_cpu_cores", sinkPid > 0 ? cores(sink, seconds) : "-");
        options.result(prefix + "driver_cpu_cores", cores(driverCpu, seconds));
        options.result(prefix + "machine_busy_cores", cores(machine, seconds));
    }

    private static String cores(long nanos, double seconds) {
        return EngineBenchmark.round(nanos / 1e9 / seconds);
    }
}
