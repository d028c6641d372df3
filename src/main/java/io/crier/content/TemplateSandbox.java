package io.crier.content;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.extension.escaper.EscapingStrategy;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * Pebble cut down to what a message needs, so that a template can only substitute, choose and
 * loop over the recipient's data, each within the render's {@link RenderBudget}: the tags
 * {@code if} and {@code for}; the filters below, their results checked; every operator but
 * {@code ..}, which builds a list of every number in its range; no functions ({@code range} is
 * one), no {@code set}, {@code macro}, {@code include}, {@code import} or {@code parallel}; and no
 * method calls on values ({@code "a".repeat(999999999)}) beyond a loop's own {@code loop.index},
 * {@code loop.first}, {@code loop.last} and {@code loop.length}.
 */
final class TemplateSandbox {

    private static final Set<String> TAGS = Set.of("if", "for");
    private static final Set<String> FILTERS = Set.of("abbreviate", "abs", "capitalize", "date", "default", "escape",
            "first", "join", "last", "length", "lower", "nl2br", "numberformat", "raw", "reverse", "slice", "title",
            "trim", "upper", "urlencode");
    private static final String RANGE = "..";

    private TemplateSandbox() {
    }

    static PebbleEngine engine(boolean escapeHtml) {
        return builder().autoEscaping(escapeHtml).build();
    }

    /** Every value escaped by {@code escaping} (registered as {@code name}) unless marked raw. */
    static PebbleEngine engine(String name, EscapingStrategy escaping) {
        return builder().autoEscaping(true).addEscapingStrategy(name, escaping).defaultEscapingStrategy(name).build();
    }

    private static PebbleEngine.Builder builder() {
        return new PebbleEngine.Builder()
                .loader(new StringLoader())
                .strictVariables(false)
                .newLineTrimming(false)
                .cacheActive(false)
                .methodAccessValidator(TemplateSandbox::isLoopVariable)
                .registerExtensionCustomizer(Restricted::new);
    }

    private static boolean isLoopVariable(Object object, Method method) {
        return object instanceof ForNode.LoopVariables;
    }

    /** Each of Pebble's own extensions with only the parts above. */
    private static final class Restricted extends ExtensionCustomizer {

        Restricted(Extension extension) {
            super(extension);
        }

        @Override
        public List<TokenParser> getTokenParsers() {
            return super.getTokenParsers() == null ? null : super.getTokenParsers().stream()
                    .filter(parser -> TAGS.contains(parser.getTag()))
                    .map(parser -> parser.getTag().equals("for") ? new BoundedLoops() : parser)
                    .toList();
        }

        @Override
        public List<BinaryOperator> getBinaryOperators() {
            return super.getBinaryOperators() == null ? null : super.getBinaryOperators().stream()
                    .filter(operator -> !operator.getSymbol().equals(RANGE))
                    .map(BoundedValues::operator)
                    .toList();
        }

        /**
         * Escaping stays Pebble's own: Pebble knows it by its class, to let escaped (and raw)
         * values through it unchanged, so chained it never grows a value.
         */
        @Override
        public Map<String, Filter> getFilters() {
            return super.getFilters() == null ? null : super.getFilters().entrySet().stream()
                    .filter(filter -> FILTERS.contains(filter.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, filter -> filter.getValue() instanceof EscapeFilter
                            ? filter.getValue() : BoundedValues.filter(filter.getValue())));
        }

        @Override
        public Map<String, Function> getFunctions() {
            return null;
        }
    }
}
