package io.crier.content;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * What the template sandbox costs per render, measured by hand like {@code DkimSigningCost}
 * (timings on a shared machine make flaky tests): the parts of a typical newsletter rendered on
 * one thread, after a warm-up, by Pebble as Crier configured it before the sandbox, then by the
 * sandbox with its render budget; prints each one's renders per second of the thread's own CPU
 * time, and then the whole message a sender makes of it (headers, HTML and text, quoted-printable). Run with
 * {@code java -cp target/classes:target/test-classes:<test classpath> io.crier.content.RenderCost};
 * see docs/benchmarks.md, "Rendering cost".
 */
final class RenderCost {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 50_000;
    private static final List<String> PARTS = List.of(
            "Hello {{ firstName | default(\"there\") }}, this week's news",
            "<html><body><h1>News for {{ firstName | default(\"you\") }}</h1>"
                    + "<p>A paragraph of a typical newsletter, {{ firstName }} at {{ company }}.</p>".repeat(30)
                    + "{% if plan == \"pro\" %}<p>Thanks for being a pro.</p>{% else %}<p>Go pro.</p>{% endif %}"
                    + "<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>"
                    + "<p><a href=\"{{ unsubscribeURL }}\">Unsubscribe</a></p></body></html>");

    private RenderCost() {
    }

    public static void main(String[] args) {
        Map<String, Object> values = Placeholders.values(new Recipient("reader@example.org", "Reader", "One", null,
                Map.of("company", "Example & Co", "plan", "pro", "items", List.of("One", "Two", "Three"))),
                "https://crier.test/u/token");
        PebbleEngine unrestricted = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(true)
                .strictVariables(false).newLineTrimming(false).cacheActive(false).maxRenderedSize(10_000_000).build();
        List<PebbleTemplate> before = PARTS.stream().map(unrestricted::getTemplate).toList();
        List<Placeholders> after = PARTS.stream().map(part -> Placeholders.html("part", part)).toList();

        double unrestrictedRate = rate(() -> before.forEach(template -> evaluate(template, values)));
        double sandboxRate = rate(() -> {
            RenderBudget budget = RenderBudget.start(RenderLimits.MESSAGE);
            after.forEach(part -> part.render(values, budget));
        });
        System.out.printf("Subject and %d-character HTML of a newsletter, per message on one core:%n"
                + "  Pebble as before the sandbox: %,.0f renders/s%n  sandbox with its budget:      %,.0f renders/s"
                + " (%.2f times the time)%n", PARTS.get(1).length(), unrestrictedRate, sandboxRate,
                unrestrictedRate / sandboxRate);

        // The whole message as a sender makes it: headers, the HTML and the text made from it, quoted-printable.
        MessageTemplate message = MessageTemplate.compile(new MessageContent("news@crier.test", "Crier News", null,
                PARTS.get(0), null, PARTS.get(1), null));
        Recipient recipient = new Recipient("reader@example.org", "Reader", "One", null,
                Map.of("company", "Example & Co", "plan", "pro", "items", List.of("One", "Two", "Three")));
        Instant date = Instant.parse("2026-12-06T22:00:00Z");
        int bytes = message.render(recipient, "<m@crier.test>", date, "https://crier.test/u/token").length;
        double messageRate = rate(() -> message.render(recipient, "<m@crier.test>", date, "https://crier.test/u/token"));
        System.out.printf("  whole message (%,d bytes, multipart/alternative, quoted-printable): %,.0f messages/s,"
                + " %.1f us each%n", bytes, messageRate, 1e6 / messageRate);
    }

    /** Messages rendered per second of this thread's CPU time. */
    private static double rate(Runnable render) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            render.run();
        }
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            render.run();
        }
        return MEASURED * 1e9 / (cpu.getCurrentThreadCpuTime() - start);
    }

    private static void evaluate(PebbleTemplate template, Map<String, Object> values) {
        StringWriter out = new StringWriter(1024);
        try {
            template.evaluate(out, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
