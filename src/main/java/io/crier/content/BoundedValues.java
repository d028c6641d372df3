package io.crier.content;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.node.expression.AddExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ConcatenateExpression;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Filters and string operators whose every result is checked against the render's
 * {@link RenderBudget}: chained (`x | urlencode | urlencode ...`, `a ~ a ~ a ...`) they would
 * otherwise grow a value past any memory in one expression, without a loop.
 */
final class BoundedValues {

    private static final Map<String, Supplier<BinaryExpression<?>>> MAKING_STRINGS = Map.of(
            "~", Concatenation::new, "+", Addition::new);

    private BoundedValues() {
    }

    static Filter filter(Filter filter) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return filter.getArgumentNames();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                    int line) {
                return RenderBudget.CURRENT.get().made(filter.apply(input, args, self, context, line), line);
            }
        };
    }

    /** {@code ~}, and {@code +} (which joins strings too), with their results checked; other operators as they are. */
    static BinaryOperator operator(BinaryOperator operator) {
        Supplier<BinaryExpression<?>> checked = MAKING_STRINGS.get(operator.getSymbol());
        return checked == null ? operator : new BinaryOperatorImpl(operator.getSymbol(), operator.getPrecedence(),
                checked, operator.getType(), operator.getAssociativity());
    }

    private static final class Concatenation extends ConcatenateExpression {

        @Override
        public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return RenderBudget.CURRENT.get().made(super.evaluate(self, context), getLineNumber());
        }
    }

    private static final class Addition extends AddExpression {

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return RenderBudget.CURRENT.get().made(super.evaluate(self, context), getLineNumber());
        }
    }
}
