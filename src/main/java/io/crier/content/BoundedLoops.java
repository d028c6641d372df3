package io.crier.content;

import java.io.IOException;
import java.io.Writer;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.ForTokenParser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * Pebble's {@code {% for %}}, parsed as Pebble does, whose body counts each iteration against the
 * render's {@link RenderBudget}: loops nested over a few lists would otherwise run a billion times.
 */
final class BoundedLoops implements TokenParser {

    private final ForTokenParser loops = new ForTokenParser();

    @Override
    public String getTag() {
        return loops.getTag();
    }

    @Override
    public RenderableNode parse(Token token, Parser parser) {
        ForNode loop = (ForNode) loops.parse(token, parser);
        return new ForNode(loop.getLineNumber(), loop.getIterationVariable(), loop.getIterable(),
                new CountedBody(loop.getBody(), loop.getLineNumber()), loop.getElseBody());
    }

    /** A loop's body, rendered once per iteration. */
    private static final class CountedBody extends BodyNode {

        private final int loopLine;

        CountedBody(BodyNode body, int loopLine) {
            super(body.getLineNumber(), body.getChildren());
            this.loopLine = loopLine;
        }

        @Override
        public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
            RenderBudget.CURRENT.get().loopIteration(loopLine);
            super.render(self, writer, context);
        }
    }
}
