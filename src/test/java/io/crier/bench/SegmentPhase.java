package io.crier.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crier.support.Caller;

/**
 * The {@code segment} phase: a segment over {@code --size} contacts (two custom-field rules and
 * a list rule), its count ({@code GET /v1/contact-lists/{id}}) and its first page of contacts
 * ({@code GET /v1/contact-lists/{id}/contacts}) timed over HTTP, each the best and the median of
 * {@value #TRIES} calls. The contacts are seeded in SQL as the snapshot phase's are, with their
 * typed custom-field rows: a quarter on the pro plan, seats 0 to 99.
 */
final class SegmentPhase {

    private static final int TRIES = 5;

    private SegmentPhase() {
    }

    static void run(BenchOptions options) throws Exception {
        int size = options.intValue("size", 1_000_000);
        String prefix = "segment." + options.databaseName() + ".";
        System.out.printf("Segment on %s: %,d contacts%n", options.databaseName(), size);
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.delivery.enabled", "false",
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", "9"))) {
            EngineBenchmark.recordServerVersion(options, database, node);
            BenchAudience audience = new BenchAudience(node, database.kind());
            String list = audience.newList("segment " + size);
            long seeding = System.nanoTime();
            audience.addContacts(size, list);
            seedFields(node, audience.workspaceId());
            audience.analyze();
            System.out.printf("  %,d contacts seeded in %.1f s%n", size, (System.nanoTime() - seeding) / 1e9);

            Caller caller = audience.caller();
            String segment = caller.post("/v1/contact-lists", Map.of("name", "Pro teams", "type", "segment",
                    "filterCriteria", Map.of("match", "all", "rules", List.of(
                            Map.of("field", "customFields.plan", "operator", "equals", "value", "pro"),
                            Map.of("field", "customFields.seats", "operator", "gt", "value", 49),
                            Map.of("inList", list))))).expect(201).data().path("id").asString();
            options.result(prefix + "size", size);
            options.result(prefix + "matched", caller.get("/v1/contact-lists/" + segment).expect(200).data()
                    .path("contactCount").asLong());
            options.result(prefix + "expected", expected(size));
            time(options, prefix + "count", () -> caller.get("/v1/contact-lists/" + segment).expect(200));
            time(options, prefix + "preview", () -> caller.get("/v1/contact-lists/" + segment
                    + "/contacts?limit=100").expect(200));
        }
    }

    /** Contact N is on the pro plan when N is a multiple of 4, and has N mod 100 seats. */
    private static void seedFields(CrierNode node, UUID workspaceId) {
        String number = "cast(substring(c.last_name, 7) as integer)";
        node.jdbc().sql("""
                insert into contact_field (contact_id, name, text_value)
                select c.id, 'plan', case when mod(%1$s, 4) = 0 then 'pro' else 'free' end
                from contact c where c.workspace_id = :workspaceId""".formatted(number))
                .param("workspaceId", workspaceId).update();
        node.jdbc().sql("""
                insert into contact_field (contact_id, name, text_value, number_value)
                select c.id, 'seats', cast(mod(%1$s, 100) as varchar), mod(%1$s, 100)
                from contact c where c.workspace_id = :workspaceId""".formatted(number))
                .param("workspaceId", workspaceId).update();
    }

    /** Multiples of 4 whose last two digits are 52 to 96: 12 of every 100. */
    private static long expected(int size) {
        long matched = 0;
        for (int n = 4; n <= size; n += 4) {
            matched += n % 100 > 49 ? 1 : 0;
        }
        return matched;
    }

    private static void time(BenchOptions options, String key, Runnable call) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            long started = System.nanoTime();
            call.run();
            millis.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(millis);
        options.result(key + "_best_ms", Math.round(millis.getFirst()));
        options.result(key + "_median_ms", Math.round(millis.get(TRIES / 2)));
        System.out.printf("  %s: best %.0f ms, median %.0f ms%n", key, millis.getFirst(), millis.get(TRIES / 2));
    }
}
