package io.crier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the results file into the tables bench/run.sh prints, and puts them into
 * docs/benchmarks.md between its result markers (replacing the previous run's).
 */
final class BenchReport {

    static final String START = "<!-- bench:results:start -->";
    static final String END = "<!-- bench:results:end -->";
    private static final List<String> DATABASES = List.of("h2", "postgres");

    /** A failed phase's key, or a phase a baseline's benchmark does not have, with round and side if any. */
    private static final Pattern NOT_MEASURED = Pattern.compile("(round\\d+\\.)?(baseline\\.)?(failed|missing)\\.(.+)");

    /** The cores a campaign kept busy, by whom: the figures {@link #cpu} writes. */
    private static final String CPU_COLUMN = "CPU (cores): Crier (its JIT) / PostgreSQL / sink / machine";
    private static final String CPU_NOTE = "The CPU is counted from the send call to `sent`: Crier's JVM, the part of "
            + "it its JIT compilers spent, PostgreSQL's processes (none on H2, which runs in Crier's JVM), smtp-sink, "
            + "and every core of the machine that was not idle.";

    private final Map<String, String> results;

    private BenchReport(Map<String, String> results) {
        this.results = results;
    }

    static void write(BenchOptions options) throws IOException {
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(options.results())) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                results.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        String markdown = new BenchReport(results).markdown();
        System.out.println();
        System.out.println(markdown);
        String docs = options.get("docs", "");
        if (!docs.isBlank()) {
            replaceSection(Path.of(docs), markdown);
            System.out.println("Written to " + docs);
        }
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("## Results (").append(get("run.mode")).append(" run, ").append(get("run.date")).append(")\n\n");
        out.append("Command: `").append(get("run.command")).append("` at commit ").append(get("run.commit"))
                .append(" (took ").append(get("run.seconds")).append(" s)  \n");
        if (BeforeAfter.measured(results)) {
            out.append("Baseline: commit ").append(get("run.baseline")).append(" (").append(BeforeAfter.shortened(get("run.baseline_subject"), 100))
                    .append("), measured in the same run; the tables after the first show the current code")
                    .append(BeforeAfter.rounds(results) > 1 ? " (its first round)" : "").append("  \n");
        }
        out.append("Machine: ").append(get("machine.nproc")).append(" cores (").append(get("machine.cpu"))
                .append("), ").append(get("machine.memory")).append(" memory, ").append(get("machine.os"))
                .append("; ").append(get("machine.java"))
                .append(has("machine.postgres") ? "; PostgreSQL " + get("machine.postgres") : "")
                .append("; postfix ").append(get("machine.postfix")).append("  \n");
        out.append("Load average (1 min) at start ").append(get("machine.load_start")).append(", at end ")
                .append(get("machine.load_end")).append(get("run.note").isEmpty() ? "" : ". " + get("run.note"))
                .append("\n\n");
        failures(out);
        if (BeforeAfter.measured(results)) {
            new BeforeAfter(results, DATABASES).append(out);
        }
        throughput(out);
        signed(out);
        controlApi(out);
        pause(out);
        snapshot(out);
        lane(out);
        throttle(out);
        segment(out);
        client(out);
        nodes(out);
        return out.toString();
    }

    /** Failed phases, and phases a baseline's benchmark does not have (before/after mode). */
    private void failures(StringBuilder out) {
        boolean any = false;
        for (var entry : results.entrySet()) {
            Matcher key = NOT_MEASURED.matcher(entry.getKey());
            if (key.matches()) {
                out.append(key.group(3).equals("failed") ? "**Failed:** " : "**Missing:** ")
                        .append(key.group(2) == null ? "" : "baseline's ").append(key.group(4))
                        .append(key.group(1) == null ? "" : " in " + key.group(1).replace(".", ""))
                        .append(" (").append(entry.getValue()).append(")")
                        .append(key.group(3).equals("failed") ? "; its figures are missing or partial" : "")
                        .append(".  \n");
                any = true;
            }
        }
        if (any) {
            out.append("\n");
        }
    }

    private void throughput(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("throughput." + db + ".rate")).toList();
        if (measured.isEmpty()) {
            return;
        }
        String first = "throughput." + measured.getFirst() + ".";
        out.append("### Throughput: ").append(number(get(first + "messages"))).append(" personalized messages of ")
                .append(number(get(first + "message_bytes"))).append(" bytes, 8 connections, into postfix smtp-sink\n\n");
        out.append("| Database | Crier msg/s | smtp-source msg/s (before / after Crier) | Ratio | "
                + "Crier 1st half / 2nd half msg/s | Crier end to end (s, msg/s) | " + CPU_COLUMN + " | Not sent |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "throughput." + db + ".";
            double before = value("source." + db + ".before");
            double after = value("source." + db + ".after");
            double ceiling = Double.isNaN(after) ? before : (before + after) / 2;
            double ratio = value(p + "rate") / ceiling;
            out.append("| ").append(label(db)).append(" | **").append(number(get(p + "rate"))).append("** | ")
                    .append(number(get("source." + db + ".before"))).append(" / ")
                    .append(number(get("source." + db + ".after"))).append(" | **")
                    .append(Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio)).append("** | ")
                    .append(number(get(p + "rate_first_half"))).append(" / ").append(number(get(p + "rate_second_half")))
                    .append(" | ")
                    .append(get(p + "end_to_end_seconds")).append(" s, ").append(number(get(p + "end_to_end_rate")))
                    .append(" | ").append(cpu(p)).append(" | ").append(get(p + "not_sent"))
                    .append(" |\n");
        }
        out.append("\nCrier msg/s counts from the first outcome batch recorded to the last (`delivery.sent_at`); "
                + "end to end runs from the send call to the campaign's status `sent`, so it adds the start "
                + "(up to 1 s until the housekeeper's round, then the snapshot) and the completion check. "
                + "The ratio divides Crier's rate by the mean of the two smtp-source runs. " + CPU_NOTE + "\n\n");
        tracking(out, measured);
    }

    /** The same campaign again with open and click tracking on, right after the untracked one. */
    private void tracking(StringBuilder out, List<String> measured) {
        List<String> tracked = measured.stream().filter(db -> has("throughput." + db + ".tracked.rate")).toList();
        if (tracked.isEmpty()) {
            return;
        }
        out.append("### Tracking on and off\n\n");
        out.append("| Database | Tracking off msg/s (before / after) | Tracking on msg/s | On / off | "
                + "JVM CPU (cores) off / on | Not sent |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (String db : tracked) {
            String p = "throughput." + db + ".";
            double off = (value(p + "rate") + value(p + "untracked_again.rate")) / 2;
            double onOff = value(p + "tracked.rate") / off;
            out.append("| ").append(label(db)).append(" | ").append(number(get(p + "rate"))).append(" / ")
                    .append(number(get(p + "untracked_again.rate"))).append(" | ")
                    .append(number(get(p + "tracked.rate"))).append(" | **")
                    .append(String.format(Locale.ROOT, "%.2f", onOff)).append("** | ")
                    .append(get(p + "jvm_cpu_cores")).append(" / ").append(get(p + "tracked.jvm_cpu_cores"))
                    .append(" | ").append(get(p + "tracked.not_sent")).append(" |\n");
        }
        out.append("\nThe tracked campaign sends the same message to as many new contacts, with the open pixel and "
                + "each of its links through the click redirect, between two untracked ones on the same node and "
                + "database; on / off divides its rate by the mean of theirs.\n\n");
    }

    /** The dkim phase beside openssl's native RSA-2048 signing on one core, run before and after it. */
    private void signed(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("dkim." + db + ".rate")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("### DKIM-signed throughput: ").append(number(get("dkim." + measured.getFirst() + ".messages")))
                .append(" messages, RSA-").append(get("dkim." + measured.getFirst() + ".key_bits"))
                .append(", into postfix smtp-sink\n\n");
        out.append("| Database | Signed msg/s | openssl rsa2048 signs/s, one core (before / after) | Ratio (goal ≥ 0.6) | "
                + "Next campaign: msg/s, ratio (its JIT) | Unsigned msg/s (throughput phase) | " + CPU_COLUMN
                + " | Provider | Not sent |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "dkim." + db + ".";
            double openssl = mean("openssl." + db + ".before", "openssl." + db + ".after");
            out.append("| ").append(label(db)).append(" | **").append(number(get(p + "rate"))).append("** | ")
                    .append(number(get("openssl." + db + ".before"))).append(" / ")
                    .append(number(get("openssl." + db + ".after"))).append(" | **")
                    .append(ratio(value(p + "rate") / openssl)).append("** | ")
                    .append(number(get(p + "next.rate"))).append(", **").append(ratio(value(p + "next.rate") / openssl))
                    .append("** (").append(get(p + "next.jit_cores")).append(") | ")
                    .append(number(get("throughput." + db + ".rate"))).append(" | ")
                    .append(cpu(p)).append(" | ").append(get(p + "provider")).append(" | ")
                    .append(get(p + "not_sent")).append(" |\n");
        }
        out.append("\nEvery message is signed rsa-sha256 with a key Crier generated for the From domain; the rate "
                + "counts as in the throughput phase. `openssl speed -seconds 3 rsa2048` runs right before and right "
                + "after the two campaigns; each ratio divides a campaign's signed rate by the mean of the two. The next "
                + "campaign is the same again on the same node right after, when the JIT has nearly done compiling "
                + "(its share of cores in brackets): the rate a node that has been running keeps. " + CPU_NOTE
                + "\n\n");
    }

    /** GET /v1/campaigns/{id}, one call after another, idle and while the campaign sends. */
    private void controlApi(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("api." + db + ".idle.p99_ms")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("### Control-API latency at full rate\n\n");
        out.append("| Database | Campaign | Its rate (msg/s) | Idle p50 / p99 | Sending: calls | Sending p50 | "
                + "Sending p99 (goal ≤ 50 ms) | Sending max |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "api." + db + ".";
            out.append("| ").append(label(db)).append(" | ").append(number(get(p + "messages"))).append(" messages | ")
                    .append(number(get(p + "campaign_rate"))).append(" | ").append(get(p + "idle.p50_ms"))
                    .append(" / ").append(get(p + "idle.p99_ms")).append(" ms | ")
                    .append(number(get(p + "sending.calls"))).append(" | ").append(get(p + "sending.p50_ms"))
                    .append(" ms | **").append(get(p + "sending.p99_ms")).append(" ms** | ")
                    .append(get(p + "sending.max_ms")).append(" ms |\n");
        }
        out.append("\nOne client calls `GET /v1/campaigns/{id}` in a loop over HTTP: 1,000 calls on the idle node, "
                + "then from the send call until the campaign is sent, counting the calls answered while it was "
                + "`sending`. Its rate runs from the send call to `sent`.\n\n");
    }

    private double mean(String first, String second) {
        double a = value(first);
        double b = value(second);
        return Double.isNaN(b) ? a : (a + b) / 2;
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private void pause(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("pause." + db + ".p50_ms")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("### Pause under full load\n\n");
        out.append("| Database | Cycles | Load (msg/s) | Pause p50 | Pause p99 | Pause max | MAIL FROM after return "
                + "| MAIL FROM during the call (avg) | Sink accepted / ledger sent | Duplicates |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "pause." + db + ".";
            String late = get(p + "mail_from_after_return");
            out.append("| ").append(label(db)).append(" | ").append(get(p + "cycles")).append(" | ")
                    .append(number(get(p + "load_rate"))).append(" | ").append(get(p + "p50_ms")).append(" ms | ")
                    .append(get(p + "p99_ms")).append(" ms | ").append(get(p + "max_ms")).append(" ms | **")
                    .append(late).append("**")
                    .append("0".equals(late) ? "" : " (latest " + get(p + "latest_after_return_ms") + " ms after)")
                    .append(" | ").append(get(p + "began_during_call_avg")).append(" | ")
                    .append(number(get(p + "sink_accepted"))).append(" / ").append(number(get(p + "db_sent")))
                    .append(" | ").append(get(p + "duplicates")).append(" |\n");
        }
        out.append("\nThe pause call is `POST /v1/campaigns/{id}/pause` over HTTP; its duration runs from sending the "
                + "request to reading the response. The sink (in the same JVM) stamps each MAIL FROM with "
                + "System.nanoTime() when it reads it, so a count above 0 would break the guarantee.\n\n");
    }

    private void snapshot(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("snapshot." + db + ".max_heap_mb")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("### Audience snapshot (campaign start)\n\n");
        out.append("| Database | Recipients | Queued (expected) | Start time | Rows/s | JVM CPU | Live heap before → after "
                + "| Peak heap during (garbage included) | Highest heap after a GC during it | Max heap |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String db : measured) {
            TreeSet<Integer> sizes = new TreeSet<>();
            String head = "snapshot." + db + ".";
            results.keySet().stream().filter(key -> key.startsWith(head) && key.endsWith(".seconds"))
                    .forEach(key -> sizes.add(Integer.parseInt(key.substring(head.length(), key.length() - 8))));
            for (int size : sizes) {
                String p = head + size + ".";
                out.append("| ").append(label(db)).append(" | ").append(number(Integer.toString(size))).append(" | ")
                        .append(number(get(p + "queued"))).append(" (").append(number(get(p + "expected")))
                        .append(") | **").append(get(p + "seconds")).append(" s** | ")
                        .append(number(get(p + "rows_per_second"))).append(" | ").append(get(p + "jvm_cpu_seconds"))
                        .append(" s | ").append(get(p + "heap_before_mb"))
                        .append(" → ").append(get(p + "heap_after_mb")).append(" MB | ")
                        .append(get(p + "heap_peak_mb")).append(" MB | ").append(afterGc(p)).append(" | ")
                        .append(get(head + "max_heap_mb")).append(" MB |\n");
            }
        }
        out.append("\nStart time runs from the campaign's start (`CampaignStarter.startIfDue`, the move to `sending`) "
                + "until its whole audience is queued: the included list minus an excluded list of 1 % minus 1 % "
                + "suppressed addresses, cut into ranges of contacts that the snapshot workers queue, each range in "
                + "a transaction of its own (docs/delivery-guarantees.md). Live heap is measured after a full GC; the peak is the highest "
                + "heap use seen during the start (sampled every 5 ms and before every GC), garbage included; "
                + "the heap left after each GC during the start shows what was really held. Embedded H2 runs inside "
                + "Crier's JVM, so its page cache and the open transaction count in that heap; with PostgreSQL "
                + "only Crier does.\n");
    }

    private void segment(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("segment." + db + ".size")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("\n### Segment count and preview\n\n");
        out.append("| Database | Contacts | Matched (expected) | Count, best / median | Preview of 100, best / median |\n");
        out.append("|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "segment." + db + ".";
            out.append("| ").append(label(db)).append(" | ").append(number(get(p + "size"))).append(" | ")
                    .append(number(get(p + "matched"))).append(" (").append(number(get(p + "expected")))
                    .append(") | **").append(get(p + "count_best_ms")).append(" ms** / ")
                    .append(get(p + "count_median_ms")).append(" ms | **").append(get(p + "preview_best_ms"))
                    .append(" ms** / ").append(get(p + "preview_median_ms")).append(" ms |\n");
        }
        out.append("\nThe segment: custom field plan equals pro, custom field seats greater than 49, member of the "
                + "list holding every contact; each field rule is a look-up in contact_field's key per contact. "
                + "Both calls go over HTTP; the count is `GET /v1/contact-lists/{id}`, the preview "
                + "`GET /v1/contact-lists/{id}/contacts?limit=100` (its page and its total).\n");
    }

    private void lane(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("lane." + db + ".mails")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("\n### Transactional mail beside a large campaign\n\n");
        out.append("| Database | Campaign (another workspace) | Mails | Median | Slowest | Campaign sent by then |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "lane." + db + ".";
            out.append("| ").append(label(db)).append(" | ").append(number(get(p + "campaign_size")))
                    .append(" recipients | ").append(get(p + "mails")).append(" | **").append(get(p + "p50_ms"))
                    .append(" ms** | **").append(get(p + "max_ms")).append(" ms** | ")
                    .append(number(get(p + "campaign_sent_by_then"))).append(" (")
                    .append(get(p + "campaign_status_by_then")).append(") |\n");
        }
        out.append("\nEach mail is timed from `POST /v1/mails/send` to `GET /v1/mails/{id}` reading `sent` (its "
                + "outcome recorded; polled every 5 ms), one after another, while the other workspace's campaign "
                + "sends at full speed into the same relay. The goal (security audit, finding 6) is at most 2 s.\n");
    }

    private void throttle(StringBuilder out) {
        List<String> measured = DATABASES.stream().filter(db -> has("throttle." + db + ".slots")).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("\n### Per-provider throttle\n\n");
        out.append("| Database | Limit | Throttled messages | Slots | Achieved / limit per slot (lowest – highest) "
                + "| Worst slot's deviation | First second | Other domains: messages, done after, msg/s | Throttled done after |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String db : measured) {
            String p = "throttle." + db + ".";
            out.append("| ").append(label(db)).append(" | ").append(number(get(p + "per_minute"))).append("/min | ")
                    .append(number(get(p + "throttled"))).append(" | ").append(get(p + "slots")).append(" × ")
                    .append(get(p + "slot_seconds")).append(" s | ").append(get(p + "ratio_min")).append(" – ")
                    .append(get(p + "ratio_max")).append(" | **±").append(get(p + "worst_deviation_pct"))
                    .append(" %** | ").append(get(p + "first_second")).append(" | ")
                    .append(number(get(p + "others"))).append(", ").append(get(p + "others_seconds")).append(" s, ")
                    .append(number(get(p + "others_rate"))).append(" | ").append(get(p + "throttled_seconds"))
                    .append(" s |\n");
        }
        out.append("\nOne campaign to gmail.com recipients, which `crier.smtp.throttles` holds to the limit, and to "
                + "recipients at another domain, which nothing holds, into a sink in the benchmark's JVM that "
                + "stamps each accepted message. Slots start a second after gmail.com's first message (a throttle "
                + "banks at most one second of idle time, sent at once: the first second's count) and end at its "
                + "last; the goal is every slot within ±5 % of the limit. Times run from the send call; the other "
                + "domains are not held back when they are done long before the throttled mail.\n");
    }

    /** The SMTP client alone: Angus Mail, a bare client in lock-step and pipelining, beside smtp-source. */
    private void client(StringBuilder out) {
        if (!has("client.angus.rate")) {
            return;
        }
        out.append("\n### SMTP client alone: ").append(number(get("client.messages"))).append(" messages of ")
                .append(number(get("client.message_bytes"))).append(" bytes (one pre-built), ")
                .append(get("client.connections")).append(" reused connections, into postfix smtp-sink\n\n");
        out.append("| Client | Round trips a message | msg/s, round 1 / round 2 | Mean msg/s | Client CPU (cores) "
                + "| Sink CPU (cores) |\n");
        out.append("|---|---|---|---|---|---|\n");
        out.append("| smtp-source (before / after), 5,000-byte body | 4 | ").append(number(get("client.source.before")))
                .append(" / ").append(number(get("client.source.after"))).append(" | **")
                .append(number(Double.toString(mean("client.source.before", "client.source.after")))).append("** | – | ")
                .append(get("client.source.before_sink_cpu")).append(" / ").append(get("client.source.after_sink_cpu"))
                .append(" |\n");
        clientRow(out, "angus", "Angus Mail as Crier uses it (`SmtpConnection`), pipelining", 2);
        clientRow(out, "lockstep", "Bare client, lock-step", 4);
        clientRow(out, "pipelined", "Bare client, pipelined (RFC 2920)", 2);
        double angus = value("client.angus.rate");
        double pipelined = value("client.pipelined.rate");
        out.append("\nPipelining / lock-step: **").append(ratio(pipelined / value("client.lockstep.rate")))
                .append("**; Angus Mail / bare pipelined client: **").append(ratio(angus / pipelined))
                .append("**; Angus Mail / smtp-source: **")
                .append(ratio(angus / mean("client.source.before", "client.source.after"))).append("**");
        for (String db : DATABASES) {
            if (has("throughput." + db + ".rate")) {
                out.append("; Crier on ").append(label(db)).append(" (throughput phase) / Angus Mail alone: **")
                        .append(ratio(value("throughput." + db + ".rate") / angus)).append("**");
            }
        }
        out.append(".\n\nEach client sends the throughput phase's message, rendered once, to numbered recipients, "
                + "one thread per connection, the connections opened before the clock starts; the relay offers "
                + "PIPELINING: ").append(get("client.relay_offers_pipelining")).append(". The bare client is the "
                + "benchmark's own (no TLS, no recovery): lock-step it waits for each reply as smtp-source "
                + "does; pipelined it writes MAIL FROM, RCPT TO and DATA at once, as Crier's client does. The "
                + "three run in one order, then in the reverse one; the mean is of the two rounds. The client's "
                + "CPU is the benchmark JVM's.\n");
    }

    private void clientRow(StringBuilder out, String client, String name, int roundTrips) {
        String p = "client." + client + ".";
        out.append("| ").append(name).append(" | ").append(roundTrips).append(" | ")
                .append(number(get(p + "round1.rate"))).append(" / ").append(number(get(p + "round2.rate")))
                .append(" | **").append(number(get(p + "rate"))).append("** | ").append(get(p + "round1.jvm_cpu_cores"))
                .append(" / ").append(get(p + "round2.jvm_cpu_cores")).append(" | ")
                .append(get(p + "round1.sink_cpu_cores")).append(" / ").append(get(p + "round2.sink_cpu_cores"))
                .append(" |\n");
    }

    /** One Crier node, then two, each a JVM of its own on one PostgreSQL database. */
    private void nodes(StringBuilder out) {
        if (!has("nodes.1.rate")) {
            return;
        }
        out.append("\n### One node and two nodes on one PostgreSQL: ").append(number(get("nodes.messages")))
                .append(" messages, ").append(get("nodes.connections_per_node"))
                .append(" connections per node, into postfix smtp-sink\n\n");
        out.append("| Nodes | Crier msg/s | End to end (s, msg/s) | Nodes' CPU (cores: all, each) | PostgreSQL CPU "
                + "| Sink CPU | Benchmark JVM CPU | Machine busy (of ").append(get("machine.nproc"))
                .append(" cores) | Not sent |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int count = 1; count <= 2 && has("nodes." + count + ".rate"); count++) {
            String p = "nodes." + count + ".";
            StringBuilder each = new StringBuilder();
            for (int n = 1; has(p + "node" + n + "_cpu_cores"); n++) {
                each.append(n == 1 ? "" : " + ").append(get(p + "node" + n + "_cpu_cores"));
            }
            out.append("| ").append(count).append(" | **").append(number(get(p + "rate"))).append("** | ")
                    .append(get(p + "end_to_end_seconds")).append(" s, ").append(number(get(p + "end_to_end_rate")))
                    .append(" | ").append(get(p + "nodes_cpu_cores")).append(count == 1 ? "" : ": " + each)
                    .append(" | ").append(get(p + "postgres_cpu_cores")).append(" | ").append(get(p + "sink_cpu_cores"))
                    .append(" | ").append(get(p + "driver_cpu_cores")).append(" | ").append(get(p + "machine_busy_cores"))
                    .append(" | ").append(get(p + "not_sent")).append(" |\n");
        }
        out.append("\n2 nodes / 1 node: **").append(ratio(value("nodes.2.rate") / value("nodes.1.rate")))
                .append("**. Each node is a JVM of its own (-Xmx").append(get("nodes.node_heap").replace("g", " GB"))
                .append(", Crier's default connection pool), fresh for each count and warmed up by a campaign of ")
                .append(number(get("nodes.warmup_per_node"))).append(" messages per node; the benchmark's JVM only "
                + "creates the campaign, calls the API and reads the ledger. Msg/s counts as in the throughput "
                + "phase. CPU is over the end-to-end time; the machine's busy cores count every process on it, "
                + "other work on the machine included.\n");
    }

    private String afterGc(String prefix) {
        String collections = get(prefix + "collections");
        return "0".equals(collections) ? "no GC ran"
                : get(prefix + "heap_peak_after_gc_mb") + " MB (" + collections + " GCs)";
    }

    private static void replaceSection(Path docs, String markdown) throws IOException {
        String text = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n\n";
        String section = START + "\n" + markdown + END;
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start >= 0 && end > start) {
            text = text.substring(0, start) + section + text.substring(end + END.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(docs, text);
    }

    /** A campaign's CPU in cores under {@code prefix}: Crier (its JIT) / PostgreSQL / sink / machine. */
    private String cpu(String prefix) {
        return get(prefix + "jvm_cpu_cores") + " (" + get(prefix + "jit_cores") + ") / "
                + get(prefix + "postgres_cpu_cores") + " / " + get(prefix + "sink_cpu_cores") + " / "
                + get(prefix + "machine_cpu_cores");
    }

    private boolean has(String key) {
        return results.containsKey(key);
    }

    private String get(String key) {
        return results.getOrDefault(key, "");
    }

    /** A figure by its key; NaN when missing. */
    private double value(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A figure with thousands separators, as text; blank stays a dash. */
    private static String number(String text) {
        if (text.isEmpty()) {
            return "–";
        }
        try {
            return String.format(Locale.ROOT, "%,d", Math.round(Double.parseDouble(text)));
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static String label(String db) {
        return switch (db) {
            case "h2" -> "H2 (embedded, file)";
            case "postgres" -> "PostgreSQL";
            // The client phase (bench/run.sh passes --db=any): no database takes part.
            default -> "No database";
        };
    }
}
