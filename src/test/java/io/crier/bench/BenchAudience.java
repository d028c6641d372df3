package io.crier.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.content.MessageContent;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.shared.Timestamps;
import io.crier.support.Caller;

/**
 * The benchmark's workspaces: contacts inserted with set-based SQL (a million in seconds, and
 * without passing through this JVM, whose heap the snapshot phase measures), lists and a
 * personalized campaign of about 5 KB created through the API as a user would.
 */
final class BenchAudience {

    /** Contacts seeded per transaction. */
    private static final int SEED_BATCH = 50_000;

    static final String FROM = "news@bench.crier.test";

    private final CrierNode node;
    private final BenchDatabase.Kind database;
    private final Caller caller;
    private final UUID workspaceId;

    BenchAudience(CrierNode node, BenchDatabase.Kind database) {
        this.node = node;
        this.database = database;
        this.caller = node.newWorkspace();
        this.workspaceId = UUID.fromString(caller.workspaceId());
    }

    Caller caller() {
        return caller;
    }

    UUID workspaceId() {
        return workspaceId;
    }

    String newList(String name) {
        return caller.post("/v1/lists", Map.of("name", name)).expect(201).data().path("id").asString();
    }

    /**
     * Inserts {@code count} contacts numbered 1..count into this workspace, every one a member of
     * {@code listId}, with a first name, a last name and two custom fields for the template. In
     * committed batches, so that seeding a million contacts fits the heap of the snapshot phase's
     * JVM on embedded H2, which keeps an open transaction in memory.
     */
    void addContacts(int count, String listId) {
        addContacts(count, listId, "bench.crier.test");
    }

    /** As {@link #addContacts(int, String)}, the addresses at {@code domain}: readerN@domain. */
    void addContacts(int count, String listId, String domain) {
        String range = database == BenchDatabase.Kind.H2 ? "system_range(:from, :to) g(x)" : "generate_series(:from, :to) g(x)";
        String uuid = database == BenchDatabase.Kind.H2 ? "random_uuid()" : "gen_random_uuid()";
        JdbcClient jdbc = node.jdbc();
        // Whole milliseconds: H2 would keep a finer time than it compares a parameter with.
        Instant batchTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int from = 1; from <= count; from += SEED_BATCH) {
            int to = Math.min(count, from + SEED_BATCH - 1);
            // Each batch's own creation time finds its contacts again through the contact index.
            batchTime = batchTime.plusMillis(1);
            jdbc.sql("""
                    insert into contact (id, workspace_id, email, first_name, last_name, custom_fields, created_at, updated_at)
                    select %s, :workspaceId, 'reader' || g.x || '@' || :domain, 'Reader' || g.x, 'Number' || g.x,
                           '{"city": "Lyon", "plan": "pro"}', :batchTime, :batchTime
                    from %s""".formatted(uuid, range))
                    .param("workspaceId", workspaceId)
                    .param("domain", domain)
                    .param("from", from)
                    .param("to", to)
                    .param("batchTime", Timestamps.toDb(batchTime))
                    .update();
            countMembers(listId, jdbc.sql("""
                    insert into list_member (list_id, contact_id, added_at)
                    select :listId, c.id, current_timestamp from contact c
                    where c.workspace_id = :workspaceId and c.created_at = :batchTime""")
                    .param("listId", UUID.fromString(listId))
                    .param("workspaceId", workspaceId)
                    .param("batchTime", Timestamps.toDb(batchTime))
                    .update());
        }
        analyze();
    }

    /** Adds to {@code listId} every contact of this workspace whose number ends with {@code suffix}. */
    void addMembers(String listId, String suffix) {
        countMembers(listId, node.jdbc().sql("""
                insert into list_member (list_id, contact_id, added_at)
                select :listId, c.id, current_timestamp from contact c
                where c.workspace_id = :workspaceId and c.last_name like :pattern""")
                .param("listId", UUID.fromString(listId))
                .param("workspaceId", workspaceId)
                .param("pattern", "Number%" + suffix)
                .update());
    }

    /** Members added by SQL count on their list, as the API's own additions do. */
    private void countMembers(String listId, int added) {
        node.jdbc().sql("update contact_list set member_count = member_count + :added where id = :id")
                .param("added", added)
                .param("id", UUID.fromString(listId))
                .update();
    }

    /** Suppresses every contact of this workspace whose number ends with {@code suffix}. */
    void suppress(String suffix) {
        node.jdbc().sql("""
                insert into suppression (workspace_id, email, reason, created_at)
                select c.workspace_id, c.email, 'bounced', current_timestamp from contact c
                where c.workspace_id = :workspaceId and c.last_name like :pattern""")
                .param("workspaceId", workspaceId)
                .param("pattern", "Number%" + suffix)
                .update();
    }

    /** Fresh planner statistics, as a list imported a while ago would have. */
    void analyze() {
        node.jdbc().sql("analyze").update();
    }

    /**
     * A draft campaign with the benchmark's personalized ~5 KB message; {@code tracked}: with the
     * open pixel and every link through the click redirect.
     */
    String campaign(String name, List<String> toLists, List<String> excludeLists, boolean tracked) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", name,
                "subject", SUBJECT,
                "from", Map.of("email", FROM, "name", "Crier Bench"),
                "html", HTML,
                "text", TEXT,
                "toLists", toLists,
                "trackingOpen", tracked,
                "trackingClick", tracked));
        if (!excludeLists.isEmpty()) {
            body.put("excludeLists", excludeLists);
        }
        return caller.post("/v1/campaigns", body).expect(201).data().path("id").asString();
    }

    void send(String campaignId) {
        caller.post("/v1/campaigns/" + campaignId + "/send").expect(200);
    }

    String status(String campaignId) {
        return node.jdbc().sql("select status from campaign where id = :id")
                .param("id", UUID.fromString(campaignId)).query(String.class).single();
    }

    /**
     * Waits until the campaign has the status, showing every 10 s how many messages were sent;
     * fails past the deadline.
     */
    void awaitStatus(String campaignId, String wanted, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextProgress = started + PROGRESS_EVERY_NANOS;
        String status;
        while (!(status = status(campaignId)).equals(wanted)) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("Campaign " + campaignId + " is " + status + ", not " + wanted
                        + ", after " + timeout);
            }
            if (now > nextProgress) {
                System.out.printf("  ... %,d sent after %d s%n", sent(campaignId), (now - started) / 1_000_000_000L);
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
            Thread.sleep(20);
        }
    }

    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    /** The campaign's sent counter, as the engine keeps it. */
    long sent(String campaignId) {
        return node.jdbc().sql("select sent from campaign_stats where campaign_id = :id")
                .param("id", UUID.fromString(campaignId)).query(Long.class).single();
    }

    /**
     * How long a campaign of {@code messages} may take before the benchmark gives up: generous
     * (20 messages a second, at least ten minutes), since the point is to measure, not to judge.
     */
    static Duration patience(int messages) {
        return Duration.ofSeconds(Math.max(600, messages / 20));
    }

    /** How large one recipient's message is on the wire, as the engine renders it. */
    static int messageBytes() {
        return sampleMessage().length;
    }

    /** One recipient's message as the engine renders it: the bytes Crier's SMTP client sends after DATA. */
    static byte[] sampleMessage() {
        MessageTemplate template = MessageTemplate.compile(
                new MessageContent(FROM, "Crier Bench", null, SUBJECT, null, HTML, TEXT));
        return template.render(new Recipient("reader12345@bench.crier.test", "Reader12345", "Number12345", null,
                Map.of("city", "Lyon", "plan", "pro")), "<bench@crier.test>", Instant.now());
    }

    private static final String SUBJECT = "{{ firstName }}, your {{ plan }} digest for {{ city }}";

    private static final String PARAGRAPH = """
            Here is what changed this week for readers on the {{ plan }} plan in {{ city }}. We rewrote \
            the import so that large lists arrive in seconds, added per-list unsubscribe links, and made \
            scheduled sends honour your time zone.""";

    /** About 3.4 KB of HTML (quoted-printable on the wire) with the recipient's name, address and fields in several places. */
    private static final String HTML = buildHtml();

    /** About 1.7 KB of text alternative. */
    private static final String TEXT = buildText();

    private static String buildHtml() {
        StringBuilder html = new StringBuilder("<html><body style=\"font-family: sans-serif\">\n"
                + "<h1>Hello {{ firstName }} {{ lastName }}</h1>\n");
        for (int i = 1; i <= 9; i++) {
            html.append("<p>").append(PARAGRAPH).append(" <a href=\"https://bench.crier.test/article/").append(i)
                    .append("?r={{ email }}\">Read part ").append(i).append("</a></p>\n");
        }
        html.append("<p style=\"font-size: small\">Sent to {{ email }}. "
                + "<a href=\"https://bench.crier.test/unsubscribe?r={{ email }}\">Unsubscribe</a></p>\n"
                + "</body></html>\n");
        return html.toString();
    }

    private static String buildText() {
        StringBuilder text = new StringBuilder("Hello {{ firstName }} {{ lastName }},\n\n");
        for (int i = 1; i <= 5; i++) {
            text.append(PARAGRAPH).append("\nRead part ").append(i).append(": https://bench.crier.test/article/")
                    .append(i).append("\n\n");
        }
        text.append("Sent to {{ email }}. Unsubscribe: https://bench.crier.test/unsubscribe\n");
        return text.toString();
    }
}
