package io.crier.content;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * {@code {{placeholders}}} through the Pebble template engine: {@code {{ firstName }}},
 * {@code {{ company }}} for a custom field, {@code {{ firstName | default("there") }}} for a
 * fallback. Values are HTML-escaped in HTML and left as they are in text.
 */
final class Placeholders {

    private static final PebbleEngine HTML = engine(true);
    private static final PebbleEngine TEXT = engine(false);

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
     * transactional recipient's {@code name} and its dynamic data over all.
     */
    static Map<String, Object> values(Recipient recipient) {
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
        return values;
    }

    private static Placeholders compile(PebbleEngine engine, String part, String source) {
        try {
            return new Placeholders(engine.getTemplate(source));
        } catch (PebbleException e) {
            throw new TemplateProblem(part, e.getPebbleMessage() + " (line " + e.getLineNumber() + ")", e);
        }
    }

    private static PebbleEngine engine(boolean escapeHtml) {
        return new PebbleEngine.Builder()
                .loader(new StringLoader())
                .autoEscaping(escapeHtml)
                .strictVariables(false)
                .newLineTrimming(false)
                .cacheActive(false)
                .build();
    }
}
