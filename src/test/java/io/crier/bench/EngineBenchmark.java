package io.crier.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.crier.campaign.CampaignRef;
import io.crier.delivery.engine.CampaignStartProbe;

import io.crier.shared.Timestamps;
import io.crier.support.Caller;
import io.crier.support.StatementCounter;

/**
 * The delivery engine's benchmark, one phase per JVM, run by bench/run.sh. Not a test:
 * surefire never runs it. Each phase starts Crier in this JVM on a database of its own and
 * appends its figures to the results file:
 * <ul>
 * <li>{@code throughput}: a personalized ~5 KB campaign through the whole engine into the relay
 * at {@code --sink-port} (postfix's smtp-sink), after a warm-up campaign;</li>
 * <li>{@code dkim}: the same campaign DKIM-signed with a 2048-bit key ({@link SignedThroughput});</li>
 * <li>{@code api}: {@code GET /v1/campaigns/{id}} latency, idle and while the campaign sends at
 * full speed ({@link ControlApiLatency});</li>
 * <li>{@code pause}: pause/resume cycles on a campaign sending at full speed into a timestamping
 * sink in this JVM, which tells whether any MAIL FROM arrived after a pause call returned;</li>
 * <li>{@code snapshot}: the start of a campaign (its audience snapshot) for each audience size,
 * with the time it takes and what it does to this JVM's heap;</li>
 * <li>{@code lane}: another workspace's transactional mail while a large campaign sends at full
 * speed into the sink at {@code --sink-port}: the time from {@code POST /v1/mails/send} to the
 * message's outcome, which its own lane bounds;</li>
 * <li>{@code throttle}: a campaign partly to a mailbox provider that {@code crier.smtp.throttles}
 * limits, into a timestamping sink: the rate the provider saw per time slot against the limit,
 * and the other domains' mail not held back ({@link ThrottlePhase});</li>
 * <li>{@code segment}: a segment's count and preview over a large workspace ({@link SegmentPhase});</li>
 * <li>{@code client}: the SMTP client alone, without Crier: Angus Mail as Crier uses it, a bare
 * client in lock-step and the same pipelining, each sending one pre-built message into the sink at
 * {@code --sink-port} ({@link ClientCeiling});</li>
 * <li>{@code nodes}: one campaign sent by one Crier node, then by two, each a JVM of its own on
 * the same PostgreSQL database ({@link NodesPhase});</li>
 * <li>{@code report}: the tables, from the results file, printed and written to
 * docs/benchmarks.md.</li>
 * </ul>
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        switch (options.phase()) {
            case "dkim" -> SignedThroughput.run(options);
            case "api" -> ControlApiLatency.run(options);
            case "throughput" -> throughput(options);
            case "pause" -> pause(options);
            case "snapshot" -> snapshot(options);
            case "lane" -> lane(options);
            case "throttle" -> ThrottlePhase.run(options);
            case "segment" -> SegmentPhase.run(options);
            case "client" -> ClientCeiling.run(options);
            case "nodes" -> NodesPhase.run(options);
            case "report" -> BenchReport.write(options);
            default -> throw new IllegalArgumentException("Unknown phase " + options.phase());
        }
        // Crier's context is closed; nothing of the benchmark should keep the JVM alive.
        System.exit(0);
    }

    private static void throughput(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 50_000);
        int warmup = options.intValue("warmup", Math.min(10_000, Math.max(1_000, messages / 5)));
        String prefix = "throughput." + options.databaseName() + ".";
        System.out.printf("Throughput on %s: %,d messages without tracking, with open and click tracking, and"
                        + " without again (after a %,d-message warm-up) into 127.0.0.1:%s%n",
                options.databaseName(), messages, warmup, options.require("sink-port"));
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", options.require("sink-port"),
                        "crier.smtp.max-connections", options.get("connections", "8")))) {
            recordServerVersion(options, database, node);
            sendAll(node, database, warmup, "Warm-up");
            options.result(prefix + "messages", messages);
            options.result(prefix + "message_bytes", BenchAudience.messageBytes());
            // Untracked, tracked, untracked again: the JVM still warms up and the machine drifts, so the
            // tracked run is compared with the mean of the runs on either side of it.
            measure(options, node, database, messages, false, prefix);
            measure(options, node, database, messages, true, prefix + "tracked.");
            measure(options, node, database, messages, false, prefix + "untracked_again.");
        }
    }

    /** Sends one campaign to {@code messages} new contacts and records its rates under {@code prefix}. */
    private static void measure(BenchOptions options, CrierNode node, BenchDatabase database, int messages,
            boolean tracked, String prefix) throws Exception {
        measure(options, new BenchAudience(node, database.kind()), node, database, messages, tracked, prefix);
    }

    /** The same in the audience's workspace (one with a DKIM key, say). */
    static void measure(BenchOptions options, BenchAudience audience, CrierNode node, BenchDatabase database,
            int messages, boolean tracked, String prefix) throws Exception {
        String list = audience.newList(tracked ? "tracked" : "throughput");
        audience.addContacts(messages, list);
        String campaign = audience.campaign(tracked ? "Tracked" : "Throughput", List.of(list), List.of(), tracked);

        Optional<FileSizeWatch> file = database.embeddedFile().map(FileSizeWatch::of);
        long fileBefore = file.map(FileSizeWatch::now).orElse(0L);
        long sinkPid = Long.parseLong(options.get("sink-pid", "0"));
        long sinkBefore = CpuTimes.processNanos(sinkPid);
        Map<Long, Long> postgresBefore = CpuTimes.postgresNanos();
        long machineBefore = CpuTimes.machineBusyNanos();
        long cpuBefore = processCpuNanos();
        long jitBefore = jitMillis();
        StatementCounter.Counts statementsBefore = node.statements().counts();
        StatementCounter.Counts hotPathBefore = node.statements().hotPath();
        long started = System.nanoTime();
        audience.send(campaign);
        audience.awaitStatus(campaign, "sent", BenchAudience.patience(messages));
        long finished = System.nanoTime();
        long cpu = processCpuNanos() - cpuBefore;
        long jit = jitMillis() - jitBefore;
        long machine = CpuTimes.machineBusyNanos() - machineBefore;
        long postgres = CpuTimes.postgresNanosBetween(postgresBefore, CpuTimes.postgresNanos());
        long sink = CpuTimes.processNanos(sinkPid) - sinkBefore;
        statements(options, node.statements().counts().since(statementsBefore),
                node.statements().hotPath().since(hotPathBefore), messages, prefix);
        if (file.isPresent()) {
            options.result(prefix + "db_file_before_mb", mb(fileBefore));
            options.result(prefix + "db_file_peak_mb", mb(file.get().peak()));
            options.result(prefix + "db_file_after_mb", mb(file.get().now()));
            file.get().close();
        }

        SentWindow window = sentWindow(node, campaign);
        double seconds = (finished - started) / 1e9;
        options.result(prefix + "sent", window.sent());
        options.result(prefix + "not_sent", window.notSent());
        options.result(prefix + "rate", round(window.rate()));
        options.result(prefix + "rate_first_half", round(window.firstHalfRate()));
        options.result(prefix + "rate_second_half", round(window.secondHalfRate()));
        options.result(prefix + "end_to_end_seconds", round(seconds));
        options.result(prefix + "end_to_end_rate", round(messages / seconds));
        options.result(prefix + "jvm_cpu_cores", round(cpu / 1e9 / seconds));
        options.result(prefix + "jit_cores", round(jit / 1e3 / seconds));
        options.result(prefix + "postgres_cpu_cores", round(postgres / 1e9 / seconds));
        if (sinkPid > 0) {
            options.result(prefix + "sink_cpu_cores", round(sink / 1e9 / seconds));
        }
        options.result(prefix + "machine_cpu_cores", round(machine / 1e9 / seconds));
    }

    /**
     * The statements Crier sent its database from the send call until the campaign read {@code sent}
     * (every thread's, the API's status polls and the idle loops' included), per 1,000 messages and
     * by kind, and those of the engine's hot path alone (claims and outcome flushes); those of the
     * first untracked campaign under {@code statements.<db>.}, the others under their run's prefix.
     */
    private static void statements(BenchOptions options, StatementCounter.Counts counts,
            StatementCounter.Counts hotPath, int messages, String prefix) {
        String key = prefix.equals("throughput." + options.databaseName() + ".")
                ? "statements." + options.databaseName() + "." : prefix + "statements.";
        options.result(key + "per_1000_messages", round(counts.total() * 1000.0 / messages));
        options.result(key + "hot_path_per_1000_messages", round(hotPath.total() * 1000.0 / messages));
        for (StatementCounter.Kind kind : StatementCounter.Kind.values()) {
            options.result(key + kind.name().toLowerCase(Locale.ROOT) + "_per_1000_messages",
                    round(counts.of(kind) * 1000.0 / messages));
        }
    }

    /** Sends one campaign to {@code count} new contacts and waits until it is sent. */
    private static void sendAll(CrierNode node, BenchDatabase database, int count, String name) throws Exception {
        sendAll(new BenchAudience(node, database.kind()), count, name);
    }

    /** The same in the audience's workspace. */
    static void sendAll(BenchAudience audience, int count, String name) throws Exception {
        String list = audience.newList(name);
        audience.addContacts(count, list);
        String campaign = audience.campaign(name, List.of(list), List.of(), false);
        audience.send(campaign);
        audience.awaitStatus(campaign, "sent", BenchAudience.patience(count));
    }

    /**
     * The sent deliveries' recorded times. The rate runs from the first recorded batch to the last,
     * so it leaves out the start (up to a second until the housekeeper's round, then the
     * snapshot) and the completion check; the first batch's messages are not counted, since
     * their sending began before the first time recorded.
     */
    record SentWindow(long sent, long notSent, long inFirstBatch, Instant first, Instant middle, Instant last) {

        double rate() {
            return rate(sent - inFirstBatch, first, last);
        }

        /** The rates before and after the median message: a claim that slows as the ledger fills shows here. */
        double firstHalfRate() {
            return rate(sent / 2 - inFirstBatch, first, middle);
        }

        double secondHalfRate() {
            return rate(sent - sent / 2, middle, last);
        }

        private static double rate(long messages, Instant from, Instant to) {
            double seconds = Duration.between(from, to).toNanos() / 1e9;
            return seconds <= 0 ? Double.NaN : messages / seconds;
        }
    }

    static SentWindow sentWindow(CrierNode node, String campaign) {
        UUID id = UUID.fromString(campaign);
        var jdbc = node.jdbc();
        record Span(long sent, Instant first, Instant last) {
        }
        Span span = jdbc.sql("select count(*) as sent, min(sent_at) as first_at, max(sent_at) as last_at"
                        + " from delivery where campaign_id = :id and status = 'sent'")
                .param("id", id)
                .query((rs, row) -> new Span(rs.getLong("sent"), Timestamps.read(rs, "first_at"),
                        Timestamps.read(rs, "last_at")))
                .single();
        Instant middle = jdbc.sql("select sent_at from delivery where campaign_id = :id and status = 'sent'"
                        + " order by sent_at limit 1 offset :half")
                .param("id", id)
                .param("half", span.sent() / 2)
                .query((rs, row) -> Timestamps.read(rs, "sent_at"))
                .single();
        long inFirstBatch = jdbc.sql("select count(*) from delivery where campaign_id = :id and sent_at = :first")
                .param("id", id)
                .param("first", Timestamps.toDb(span.first()))
                .query(Long.class)
                .single();
        long notSent = jdbc.sql("select count(*) from delivery where campaign_id = :id and status <> 'sent'")
                .param("id", id)
                .query(Long.class)
                .single();
        return new SentWindow(span.sent(), notSent, inFirstBatch, span.first(), middle, span.last());
    }

    /** Time the node's server has spent answering pause calls so far (Spring MVC's request timer). */
    private static double pauseRequestMillis(MeterRegistry meters) {
        return meters.find("http.server.requests").tag("uri", "/v1/campaigns/{id}/pause").timers().stream()
                .mapToDouble(timer -> timer.totalTime(TimeUnit.MILLISECONDS))
                .sum();
    }

    private static void pause(BenchOptions options) throws Exception {
        int cycles = options.intValue("cycles", 20);
        int between = options.intValue("between", 1_000);
        int audienceSize = options.intValue("audience", (cycles + 2) * between * 5 / 4);
        long settleMillis = options.intValue("settle-ms", 300);
        String prefix = "pause." + options.databaseName() + ".";
        System.out.printf("Pause on %s: %d pause/resume cycles, %,d messages at full speed between them, "
                + "audience %,d%n", options.databaseName(), cycles, between, audienceSize);
        try (TimestampingSmtpSink sink = new TimestampingSmtpSink();
                BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", Integer.toString(sink.port()),
                        "crier.smtp.max-connections", options.get("connections", "8")))) {
            recordServerVersion(options, database, node);
            BenchAudience audience = new BenchAudience(node, database.kind());
            String list = audience.newList("pause");
            audience.addContacts(audienceSize, list);
            String campaign = audience.campaign("Pause", List.of(list), List.of(), false);
            audience.send(campaign);

            List<Double> pauseMillis = new ArrayList<>();
            // Where each call's time goes, from the node's own timers: in the server (the request as
            // Spring MVC timed it) and, of that, in the fence after the status change committed.
            List<Double> serverMillis = new ArrayList<>();
            List<Double> fenceMillis = new ArrayList<>();
            MeterRegistry meters = node.context().getBean(MeterRegistry.class);
            Timer fence = meters.timer("crier.pause.latency", "status", "paused", "outcome", "held");
            long late = 0;
            double latestMillis = 0;
            long beganDuringCalls = 0;
            long loadMessages = 0;
            long loadNanos = 0;
            long resumedAt = System.nanoTime();
            long countAtResume = 0;
            for (int cycle = 0; cycle < cycles; cycle++) {
                if (!awaitMailFroms(sink, countAtResume + between, audience, campaign)) {
                    System.out.printf("  the campaign ran out of recipients after %d cycles%n", cycle);
                    break;
                }
                loadMessages += sink.mailFromCount() - countAtResume;
                double fencedBefore = fence.totalTime(TimeUnit.MILLISECONDS);
                double servedBefore = pauseRequestMillis(meters);
                long called = System.nanoTime();
                loadNanos += called - resumedAt;
                String status = audience.caller().post("/v1/campaigns/" + campaign + "/pause").expect(200)
                        .data().path("status").asString();
                long returned = System.nanoTime();
                if (!status.equals("paused")) {
                    throw new IllegalStateException("Pause answered status " + status);
                }
                pauseMillis.add((returned - called) / 1e6);
                fenceMillis.add(fence.totalTime(TimeUnit.MILLISECONDS) - fencedBefore);
                serverMillis.add(pauseRequestMillis(meters) - servedBefore);
                beganDuringCalls += sink.mailFromsAfter(called) - sink.mailFromsAfter(returned);
                Thread.sleep(settleMillis);
                long after = sink.mailFromsAfter(returned);
                if (after > 0) {
                    late += after;
                    latestMillis = Math.max(latestMillis, (sink.lastMailFrom() - returned) / 1e6);
                }
                audience.caller().post("/v1/campaigns/" + campaign + "/resume").expect(200);
                resumedAt = System.nanoTime();
                countAtResume = sink.mailFromCount();
            }
            if (pauseMillis.isEmpty()) {
                throw new IllegalStateException("No pause was measured; raise --audience");
            }
            audience.caller().post("/v1/campaigns/" + campaign + "/abort").expect(200);
            Thread.sleep(1_000);
            long sentInDb = node.jdbc().sql("select count(*) from delivery where campaign_id = :id and status = 'sent'")
                    .param("id", UUID.fromString(campaign)).query(Long.class).single();

            Collections.sort(pauseMillis);
            options.result(prefix + "cycles", pauseMillis.size());
            options.result(prefix + "p50_ms", round(percentile(pauseMillis, 0.50)));
            options.result(prefix + "p99_ms", round(percentile(pauseMillis, 0.99)));
            options.result(prefix + "max_ms", round(pauseMillis.getLast()));
            Collections.sort(serverMillis);
            options.result(prefix + "server_p50_ms", round(percentile(serverMillis, 0.50)));
            options.result(prefix + "server_p99_ms", round(percentile(serverMillis, 0.99)));
            Collections.sort(fenceMillis);
            options.result(prefix + "fence_p50_ms", round(percentile(fenceMillis, 0.50)));
            options.result(prefix + "fence_p99_ms", round(percentile(fenceMillis, 0.99)));
            options.result(prefix + "mail_from_after_return", late);
            options.result(prefix + "latest_after_return_ms", round(latestMillis));
            options.result(prefix + "began_during_call_avg", round((double) beganDuringCalls / pauseMillis.size()));
            options.result(prefix + "load_rate", round(loadMessages / (loadNanos / 1e9)));
            options.result(prefix + "sink_accepted", sink.accepted());
            options.result(prefix + "db_sent", sentInDb);
            options.result(prefix + "duplicates", sink.duplicates());
        }
    }

    /** False when the campaign finished before the sink saw {@code count} MAIL FROMs. */
    private static boolean awaitMailFroms(TimestampingSmtpSink sink, long count, BenchAudience audience,
            String campaign) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (sink.mailFromCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The sink saw only " + sink.mailFromCount() + " MAIL FROMs, expected "
                        + count + "; campaign is " + audience.status(campaign));
            }
            if (audience.status(campaign).equals("sent")) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private static void snapshot(BenchOptions options) throws Exception {
        List<Integer> sizes = options.intList("sizes", "100000,1000000");
        String db = options.databaseName();
        System.out.printf("Snapshot on %s: audiences of %s (max heap %,d MB)%n", db, sizes, HeapWatch.maxHeap() >> 20);
        options.result("snapshot." + db + ".max_heap_mb", HeapWatch.maxHeap() >> 20);
        // The engine is off: nothing but the start itself runs while it is measured.
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.delivery.enabled", "false",
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", "9"))) {
            recordServerVersion(options, database, node);
            for (int size : sizes) {
                String prefix = "snapshot." + db + "." + size + ".";
                BenchAudience audience = new BenchAudience(node, database.kind());
                String included = audience.newList("snapshot " + size);
                String excluded = audience.newList("excluded");
                long seeding = System.nanoTime();
                audience.addContacts(size, included);
                audience.addMembers(excluded, "00");
                audience.suppress("50");
                audience.analyze();
                System.out.printf("  %,d contacts seeded in %.1f s%n", size, (System.nanoTime() - seeding) / 1e9);
                String campaign = audience.campaign("Snapshot " + size, List.of(included), List.of(excluded), false);
                audience.send(campaign);
                CampaignRef ref = new CampaignRef(UUID.fromString(campaign), audience.workspaceId());

                long before = HeapWatch.liveHeapAfterGc();
                long started;
                long finished;
                long peak;
                long peakAfterGc;
                long collections;
                boolean moved;
                long cpu;
                try (HeapWatch watch = HeapWatch.start()) {
                    long cpuBefore = processCpuNanos();
                    started = System.nanoTime();
                    moved = CampaignStartProbe.start(node.context(), ref);
                    finished = System.nanoTime();
                    cpu = processCpuNanos() - cpuBefore;
                    peak = watch.peak();
                    peakAfterGc = watch.peakAfterGc();
                    collections = watch.collections();
                }
                long after = HeapWatch.liveHeapAfterGc();
                if (!moved) {
                    throw new IllegalStateException("Campaign " + campaign + " did not start");
                }
                long queued = node.jdbc().sql("select count(*) from delivery where campaign_id = :id")
                        .param("id", ref.id()).query(Long.class).single();
                long expected = size - size / 100 - (size + 50) / 100;
                double seconds = (finished - started) / 1e9;
                options.result(prefix + "queued", queued);
                options.result(prefix + "expected", expected);
                options.result(prefix + "seconds", round(seconds));
                options.result(prefix + "rows_per_second", round(queued / seconds));
                // With H2 the database works inside this JVM, so its CPU is the snapshot's whole cost,
                // and steadier than the time on a machine other work shares.
                options.result(prefix + "jvm_cpu_seconds", round(cpu / 1e9));
                options.result(prefix + "heap_before_mb", mb(before));
                options.result(prefix + "heap_after_mb", mb(after));
                options.result(prefix + "heap_peak_mb", mb(peak));
                options.result(prefix + "heap_peak_after_gc_mb", collections == 0 ? "-" : mb(peakAfterGc));
                options.result(prefix + "collections", collections);
            }
        }
    }

    /**
     * Transactional mail beside a large campaign of another workspace. The campaign sends at full
     * speed first; then the other workspace sends {@code --mails} messages one after another, each
     * timed from the request to the moment its status reads {@code sent} (the outcome recorded),
     * polled every 5 ms.
     */
    private static void lane(BenchOptions options) throws Exception {
        int size = options.intValue("size", 1_000_000);
        int mails = options.intValue("mails", 20);
        String prefix = "lane." + options.databaseName() + ".";
        System.out.printf("Transactional lane on %s: %,d mails of another workspace beside a %,d-recipient campaign"
                + " into 127.0.0.1:%s%n", options.databaseName(), mails, size, options.require("sink-port"));
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", options.require("sink-port"),
                        "crier.smtp.max-connections", options.get("connections", "8")))) {
            BenchAudience large = new BenchAudience(node, database.kind());
            String list = large.newList("large");
            large.addContacts(size, list);
            String campaign = large.campaign("Large", List.of(list), List.of(), false);
            large.send(campaign);
            awaitSent(large, campaign, Math.min(5_000, size / 10));

            Caller other = node.newWorkspace();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < mails; i++) {
                long started = System.nanoTime();
                String id = other.post("/v1/mails/send", Map.of("from", Map.of("email", BenchAudience.FROM),
                                "to", Map.of("email", "lane" + i + "@bench.crier.test"), "subject", "Your code",
                                "text", "Your sign-in code is 123456."))
                        .expect(201).data().path("emailId").asString();
                while (!"sent".equals(other.get("/v1/mails/" + id).expect(200).data().path("status").asString())) {
                    if (System.nanoTime() - started > Duration.ofMinutes(2).toNanos()) {
                        throw new IllegalStateException("Transactional mail " + id + " not sent within 2 minutes");
                    }
                    Thread.sleep(5);
                }
                millis.add((System.nanoTime() - started) / 1e6);
            }
            long sentMeanwhile = large.sent(campaign);
            Collections.sort(millis);
            options.result(prefix + "campaign_size", size);
            options.result(prefix + "mails", mails);
            options.result(prefix + "p50_ms", round(percentile(millis, 0.50)));
            options.result(prefix + "max_ms", round(millis.getLast()));
            options.result(prefix + "campaign_sent_by_then", sentMeanwhile);
            options.result(prefix + "campaign_status_by_then", large.status(campaign));
        }
    }

    /** Waits until the campaign has sent at least {@code count}: it is under way at full speed. */
    private static void awaitSent(BenchAudience audience, String campaign, long count) throws InterruptedException {
        long deadline = System.nanoTime() + BenchAudience.patience((int) count).toNanos();
        while (audience.sent(campaign) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Campaign " + campaign + " sent fewer than " + count);
            }
            Thread.sleep(50);
        }
    }

    static void recordServerVersion(BenchOptions options, BenchDatabase database, CrierNode node) {
        if (database.kind() == BenchDatabase.Kind.POSTGRES) {
            options.result("machine.postgres", node.jdbc().sql("show server_version").query(String.class).single());
        }
    }

    static double percentile(List<Double> sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The time the JIT compilers have spent compiling so far, summed over their threads. */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String round(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
