package io.crier.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.TextNode;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

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
    /** The template's static text by its array, quoted-printable (empty for a part that is not a body). */
    private final Map<char[], QuotedPrintable.Encoded> preEncoded;

    private Placeholders(String part, PebbleTemplate template, Map<char[], QuotedPrintable.Encoded> preEncoded) {
        this.part = part;
        this.template = template;
        this.preEncoded = preEncoded;
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

    /** A message body's HTML, its static text quoted-printable once for {@link #renderQuotedPrintable}. */
    static Placeholders htmlBody(String part, String source) {
        return html(part, source).withStaticTextEncoded();
    }

    /** A message body's text, as {@link #htmlBody}. */
    static Placeholders textBody(String part, String source) {
        return text(part, source).withStaticTextEncoded();
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
        evaluate(values, budget, new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                out.append(chars, offset, length);
            }

            @Override
            public void write(String text, int offset, int length) {
                out.append(text, offset, offset + length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return out.toString();
    }

    /**
     * This part for these values, quoted-printable onto {@code out}: its static text as encoded
     * when it was compiled, only what the values add encoded now.
     */
    void renderQuotedPrintable(Map<String, Object> values, RenderBudget budget, MessageBuffer out) {
        QuotedPrintable encoder = new QuotedPrintable(out, preEncoded);
        evaluate(values, budget, encoder);
        encoder.finish();
    }

    private void evaluate(Map<String, Object> values, RenderBudget budget, Writer out) {
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
            return new Placeholders(part, engine.getTemplate(source), Map.of());
        } catch (PebbleException e) {
            throw new TemplateProblem(part, describe(e));
        } catch (StackOverflowError e) {
            throw new TemplateProblem(part, "nests too deeply (brackets, filters or tags inside one another)");
        }
    }

    /** Pebble writes each piece of static text as one array of its own (TextNode), every time. */
    private Placeholders withStaticTextEncoded() {
        Map<char[], QuotedPrintable.Encoded> encoded = new IdentityHashMap<>();
        PebbleTemplateImpl compiled = (PebbleTemplateImpl) template;
        compiled.getRootNode().accept(new AbstractNodeVisitor(compiled) {
            @Override
            public void visit(TextNode text) {
                QuotedPrintable.preEncode(text.getData()).ifPresent(bytes -> encoded.put(text.getData(), bytes));
            }
        });
        return new Placeholders(part, template, encoded);
    }

    private static String describe(PebbleException e) {
        return e.getPebbleMessage().strip() + (e.getLineNumber() == null ? "" : " (line " + e.getLineNumber() + ")");
    }
}
