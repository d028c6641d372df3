package io.crier.content;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.web.util.UriUtils;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import io.crier.shared.FieldProblem;

/**
 * {@code {{placeholders}}} through the Pebble template engine: {@code {{ firstName }}},
 * {@code {{ company }}} for a custom field, {@code {{ firstName | default("there") }}} for a
 * fallback (used when the value is missing, empty or blank). Values are HTML-escaped in HTML and
 * left as they are in text. {@code {{ unsubscribeURL }}} (AutoSend's name) is the recipient's
 * unsubscribe link.
 */
final class Placeholders {

    /**
     * Bounds what one part may render to: a template's loops could otherwise make a single
     * message of any size. Far above any real mail.
     */
    private static final int MAX_RENDERED_CHARS = 10_000_000;
    private static final String PERCENT_ENCODED = "percent";

    private static final PebbleEngine HTML = engine(builder -> builder.autoEscaping(true));
    private static final PebbleEngine TEXT = engine(builder -> builder.autoEscaping(false));
    /**
     * A link's address: each value percent-encoded where it could end or change the address
     * ({@code & = # %}, spaces, line breaks), so a recipient's data stays data in it.
     */
    private static final PebbleEngine LINK = engine(builder -> builder.autoEscaping(true)
            .addEscapingStrategy(PERCENT_ENCODED, value -> UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8))
            .defaultEscapingStrategy(PERCENT_ENCODED));

    private final PebbleTemplate template;

    private Placeholders(PebbleTemplate template) {
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
            TEXT.getTemplate(source);
            return true;
        } catch (PebbleException e) {
            return false;
        }
    }

    String render(Map<String, Object> values) {
        StringWriter out = new StringWriter(1024);
        try {
            template.evaluate(out, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                    text(field, source).render(empty);
                } catch (TemplateProblem problem) {
                    problems.add(new FieldProblem(field, "has a placeholder error: " + problem.getMessage()));
                } catch (PebbleException e) {
                    problems.add(new FieldProblem(field, "has a placeholder error: " + describe(e)));
                }
            }
        });
        return problems;
    }

    private static Placeholders compile(PebbleEngine engine, String part, String source) {
        try {
            return new Placeholders(engine.getTemplate(source));
        } catch (PebbleException e) {
            throw new TemplateProblem(part, describe(e), e);
        }
    }

    static String describe(PebbleException e) {
        return e.getPebbleMessage().strip() + (e.getLineNumber() == null ? "" : " (line " + e.getLineNumber() + ")");
    }

    private static PebbleEngine engine(UnaryOperator<PebbleEngine.Builder> escaping) {
        return escaping.apply(new PebbleEngine.Builder())
                .loader(new StringLoader())
                .strictVariables(false)
                .newLineTrimming(false)
                .cacheActive(false)
                .maxRenderedSize(MAX_RENDERED_CHARS)
                .build();
    }
}
