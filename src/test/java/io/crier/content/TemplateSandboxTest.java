package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Audit finding 2: what a template may do. Each bomb below ran without bound (or until the heap
 * was gone) in the unrestricted Pebble; in the sandbox it is refused when compiled or stopped
 * early in its render with a short error, well within the test's time limit.
 */
class TemplateSandboxTest {

    /** Far beyond any of the sandbox's limits, far below the time an unbounded bomb takes. */
    private static final Duration FAST = Duration.ofSeconds(5);
    /**
     * A message's limits with time enough for a busy test machine, so that the limit a test is
     * about is the one reached.
     */
    private static final RenderLimits UNHURRIED = new RenderLimits(RenderLimits.MESSAGE.loopIterations(),
            RenderLimits.MESSAGE.valueChars(), RenderLimits.MESSAGE.outputChars(), Duration.ofMinutes(1));
    private static final String THOUSAND = IntStream.range(0, 1000).mapToObj(Integer::toString)
            .collect(Collectors.joining(",", "[", "]"));

    @Test
    void documentedPlaceholdersConditionsAndLoopsRenderAsBefore() {
        RenderedMessage rendered = personalize(new MessageContent("news@example.com", null, null,
                "Hi {{ firstName | default(\"there\") }}, {{ plan | default(\"free\") }}", null,
                "<p>{{ company }} / {{ customFields.company }}{% if lastName %} {{ lastName }}{% endif %}</p>"
                        + "<a href=\"{{ unsubscribeURL }}\">out</a>",
                "{% for item in items %}{{ loop.index }}:{{ item.name | upper }}{% if not loop.last %},{% endif %}"
                        + "{% endfor %} {{ 7 / n }} {{ userId ~ \"-\" ~ email }}"),
                new Recipient("ada@example.com", " ", null, "u1", Map.of("company", "Smith & <Sons>",
                        "items", List.of(Map.of("name", "tea"), Map.of("name", "cake")), "n", 7)));

        assertThat(rendered.subject()).isEqualTo("Hi there, free");
        assertThat(rendered.html()).isEqualTo("<p>Smith &amp; &lt;Sons&gt; / Smith &amp; &lt;Sons&gt;</p>"
                + "<a href=\"https://mail.example.com/u/x\">out</a>");
        assertThat(rendered.text()).isEqualTo("0:TEA,1:CAKE 1 u1-ada@example.com");
    }

    @Test
    void everyConstructDocsApiShowsWorks() {
        Recipient pro = new Recipient("ada@example.com", "ada", null, null, Map.of("plan", "pro", "tags",
                List.of("a", "b"), "nobody", List.of(), "count", 4, "total", 9));

        assertThat(personalize(new MessageContent("news@example.com", null, null, "Hi", null, null,
                "{% if plan == \"pro\" %}P{% elseif plan %}O{% else %}N{% endif %}"
                        + "{% if tags contains \"b\" and not (nobody is not empty) and lastName is null %}+{% endif %}"
                        + "{% for t in tags %}{{ loop.index }}{{ t }}{{ loop.length }}{% if loop.first %}f{% endif %}"
                        + "{% if loop.last %}l{% endif %}{% endfor %}"
                        + "{% for t in nobody %}x{% else %}-{% endfor %} {{ count * 2 }} {{ total / 3 }} "
                        + "{{ firstName | capitalize }} {{ tags | join(\",\") }} {{ \"a b\" | urlencode }}"), pro).text())
                .isEqualTo("P+0a2f1b2l- 8 3 Ada a,b a+b");
    }

    @Test
    void loopsNestedToABillionIterationsStopAtTheLoopLimit() {
        String bomb = "{% for a in " + THOUSAND + " %}{% for b in " + THOUSAND + " %}{% for c in " + THOUSAND
                + " %}x{% endfor %}{% endfor %}{% endfor %}";

        assertThat(renderProblem(bomb)).isEqualTo("text: Render limit: more than 10000 loop iterations (line 1)");
    }

    @Test
    void rangesAreRefusedWhenTheTemplateIsChecked() {
        assertThat(Placeholders.problems(Map.of("html", "{{ (0..3000000000) | length }}"))).singleElement()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo("html"));
        assertThat(Placeholders.problems(Map.of("subject", "{{ range(0, 3000000000) | length }}"))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("range"));
    }

    @Test
    void tagsBeyondIfAndForDoNotParse() {
        for (String tag : List.of("{% set x = 1 %}", "{% macro m() %}{% endmacro %}", "{% include \"x\" %}",
                "{% import \"x\" %}", "{% parallel %}x{% endparallel %}", "{% block b %}{% endblock %}",
                "{% autoescape false %}x{% endautoescape %}")) {
            assertThatThrownBy(() -> Placeholders.text("html", tag)).as(tag).isInstanceOf(TemplateProblem.class);
        }
    }

    @Test
    void methodsOfValuesCannotBeCalled() {
        for (String call : List.of("{{ email.getBytes() }}", "{{ email.bytes }}", "{{ email.length }}")) {
            assertThat(renderProblem(call)).as(call).startsWith("text: For security reasons access to")
                    .endsWith("method is denied. (line 1)");
        }
    }

    @Test
    void valuesThatGrowWithoutALoopStopAtTheValueLimit() {
        Map<String, Object> fields = Map.of("field", "%".repeat(60_000));
        String limit = "text: Render limit: a value longer than 1000000 characters (line 1)";

        assertThat(renderProblem("{{ field" + " ~ field".repeat(20) + " }}", fields)).isEqualTo(limit);
        assertThat(renderProblem("{{ field" + " + field".repeat(20) + " }}", fields)).isEqualTo(limit);
        assertThat(renderProblem("{{ field" + " | urlencode".repeat(10) + " }}", fields)).isEqualTo(limit);
        assertThat(renderProblem("{% if field" + " | urlencode".repeat(10) + " == \"\" %}{% endif %}", fields))
                .as("inside a condition, which wraps what it throws").isEqualTo(limit);
    }

    @Test
    void outputStopsAtTheOutputLimit() {
        String list = IntStream.range(0, 5000).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));

        assertThat(renderProblem("{% for i in " + list + " %}" + "y".repeat(1000) + "{% endfor %}"))
                .isEqualTo("text: Render limit: more than 4000000 characters of output");
    }

    @Test
    void heavyWorkWithinTheOtherLimitsStopsAtTheTimeLimit() {
        String heavy = "{% for i in " + THOUSAND + " %}{% if x" + " | upper | lower".repeat(20)
                + " == \"\" %}{% endif %}{% endfor %}";
        RenderLimits shortTime = new RenderLimits(RenderLimits.MESSAGE.loopIterations(),
                RenderLimits.MESSAGE.valueChars(), RenderLimits.MESSAGE.outputChars(), Duration.ofMillis(100));

        long started = System.nanoTime();
        assertThat(renderProblem(heavy, Map.of("x", "ab".repeat(200_000)), shortTime))
                .isEqualTo("text: Render limit: longer than 100 ms (line 1)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one iteration past the limit at most")
                .isLessThan(FAST);
    }

    @Test
    void deepNestingIsAProblemNotAStackOverflow() {
        assertThatThrownBy(() -> Placeholders.text("html", "{{ " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + " }}"))
                .isInstanceOfSatisfying(TemplateProblem.class, problem -> assertThat(problem.getMessage())
                        .startsWith("nests too deeply"));
        assertThat(renderProblem("{{ 1" + " + 1".repeat(100_000) + " }}")).isEqualTo("text: nests too deeply to render");
    }

    @Test
    void aTrackedLinkRendersWithinItsOwnSmallerLimits() {
        Recipient recipient = new Recipient("ada@example.com", "Ada", null, null, Map.of("ids", List.of(1, 2)));

        assertThat(MessageTemplate.linkFor("https://example.com/{% for i in ids %}{{ i }}{% endfor %}?n={{ firstName }}",
                recipient)).isEqualTo("https://example.com/12?n=Ada");
        assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> MessageTemplate.linkFor(
                "https://example.com/{% for a in " + THOUSAND + " %}{% for b in " + THOUSAND + " %}{% endfor %}{% endfor %}",
                recipient)).isInstanceOfSatisfying(TemplateProblem.class, problem ->
                assertThat(problem.getMessage()).startsWith("Render limit: ")));
    }

    private static RenderedMessage personalize(MessageContent content, Recipient recipient) {
        return MessageTemplate.compile(content).personalize(recipient, "https://mail.example.com/u/x");
    }

    private static String renderProblem(String text) {
        return renderProblem(text, Map.of());
    }

    private static String renderProblem(String text, Map<String, Object> fields) {
        return renderProblem(text, fields, UNHURRIED);
    }

    /** What the failure of a text part says, as a delivery's reply would. */
    private static String renderProblem(String text, Map<String, Object> fields, RenderLimits limits) {
        Placeholders part = Placeholders.text("text", text);
        Map<String, Object> values = Placeholders.values(new Recipient("ada@example.com", "Ada", null, null, fields),
                null);
        return assertTimeoutPreemptively(FAST, () -> {
            try {
                part.render(values, RenderBudget.start(limits));
            } catch (TemplateProblem problem) {
                return MessageTemplate.renderFailure(problem).orElseThrow();
            }
            throw new AssertionError("rendered without a problem");
        });
    }
}
