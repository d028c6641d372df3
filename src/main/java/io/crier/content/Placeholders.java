package io.crier.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import io.crier.shared.FieldProblem;

/**
 * {@code {{placeholders}}} through the Pebble template engine: {@code {{ firstName }}},
 * {@code {{ company }}} for a custom field, {@code {{ firstName | default("there") }}} for a
 * fallback (used when the value is missing, empty or blank). Values are HTML-escaped in HTML and
 * left as they are in text. {@code {{ unsubscribeURL }}} (AutoSend's name) is the recipient's
 * unsubscribe link. Templates run in the {@link TemplateSandbox}, each render within a
 * {@link RenderBudget}; every failure is a {@link TemplateProblem} naming the part and the error,
 * never the source (Pebble's own messages name a template by its whole source).
 */
final class Placeholders {

    private static final PebbleEngine HTML = TemplateSandbox.engine(true);
    private static final PebbleEngine TEXT = TemplateSandbox.engine(false);
    /**
     * A link's address: each value percent-encoded where it could end or change the address
     * ({@code & = # %}, spaces, line breaks), so a recipient's data stays data in it.
     */
    private static final PebbleEngine LINK = TemplateSandbox.engine("percent",
            value -> UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));

    private final String part;
    private final PebbleTemplate template;

    private Placeholders(String part, PebbleTemplate template) {
        this.part = part;
        this.template = template;
    }

    static Placeholders html(String part, String source) {
        return compile(HTML, part, source);
    }

    static Placeholders text(String part, String source) {
        return compile(TEXT, part, source);
    }

    static Placeholders link(String part, String source) {
        return compile(LINK, part, source);
    }

    /** Whether the source's placeholders parse on their own. */
    static boolean parses(String source) {
        try {
            text("", source);
            return true;
        } catch (TemplateProblem problem) {
            return false;
        }
    }

    /** This part for these values, within what is left of {@code budget}. */
    String render(Map<String, Object> values, RenderBudget budget) {
        StringBuilder out = new StringBuilder(1024);
        try {
            ScopedValue.where(RenderBudget.CURRENT, budget).call(() -> {
                template.evaluate(budget.writer(out), values);
                return null;
            });
        } catch (PebbleException e) {
            throw new TemplateProblem(part, describe(RenderBudget.reached(e)));
        } catch (StackOverflowError e) {
            throw new TemplateProblem(part, "nests too deeply to render");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // A filter's own failure (a list it cannot sort, say): its message is not the template's to show.
            throw new TemplateProblem(part, "a placeholder failed: " + e.getClass().getSimpleName());
        }
        return out.toString();
    }

    /**
     * What placeholders can name: custom fields, then the contact's own fields over them, then a
     * transactional recipient's {@code name} and its dynamic data, and the unsubscribe link (empty
     * when the message has none) over all.
     */
    static Map<String, Object> values(Recipient recipient, String unsubscribeUrl) {
        Map<String, Object> values = new HashMap<>(recipient.customFields());
        values.put("email", recipient.email());
        values.put("firstName", recipient.firstName());
        values.put("lastName", recipient.lastName());
        values.put("userId", recipient.userId());
        values.put("customFields", recipient.customFields());
        if (recipient.name() != null) {
            values.put("name", recipient.name());
        }
        values.putAll(recipient.dynamicData());
        String link = unsubscribeUrl == null ? "" : unsubscribeUrl;
        values.put("unsubscribeURL", link);
        values.put("unsubscribeUrl", link);
        return values;
    }

    /**
     * For each part (field name to source; null sources are skipped) that does not parse, or fails
     * when rendered for a recipient with no fields (an unknown filter, say), the problem.
     */
    static List<FieldProblem> problems(Map<String, String> parts) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> empty = values(new Recipient("", null, null, null, null), "");
        parts.forEach((field, source) -> {
            if (source != null) {
                try {
                    text(field, source).render(empty, RenderBudget.start(RenderLimits.MESSAGE));
                } catch (TemplateProblem problem) {
                    problems.add(new FieldProblem(field, "has a placeholder error: " + problem.getMessage()));
                }
            }
        });
        return problems;
    }

    private static Placeholders compile(PebbleEngine engine, String part, String source) {
        try {
            return new Placeholders(part, engine.getTemplate(source));
        } catch (PebbleException e) {
            throw new TemplateProblem(part, describe(e));
        } catch (StackOverflowError e) {
            throw new TemplateProblem(part, "nests too deeply (brackets, filters or tags inside one another)");
        }
    }

    private static String describe(PebbleException e) {
        return e.getPebbleMessage().strip() + (e.getLineNumber() == null ? "" : " (line " + e.getLineNumber() + ")");
    }
}
