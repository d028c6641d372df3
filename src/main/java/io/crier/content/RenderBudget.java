package io.crier.content;

import java.io.IOException;
import java.io.Writer;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.SafeString;

/**
 * What one render has used of its {@link RenderLimits}, checked as Pebble works: at each loop
 * iteration, each value a filter or operator makes, and each piece of output, so a template
 * stops with an error instead of looping, growing or writing without end. Pebble has no such
 * limits of its own. The render binds its budget to {@link #CURRENT}, where the sandbox's loops,
 * filters and operators find it.
 */
final class RenderBudget {

    static final ScopedValue<RenderBudget> CURRENT = ScopedValue.newInstance();

    /**
     * Output comes in many small pieces (a message's in a hundred or so), and reading the clock at
     * each was 2 % of the senders' CPU; every 32nd piece is still microseconds apart, and the output
     * limit bounds what 32 pieces can write.
     */
    private static final int WRITES_PER_TIME_CHECK = 32;

    private final RenderLimits limits;
    private final long deadline;
    private int iterations;
    private long written;
    private int writes;

    private RenderBudget(RenderLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.time().toNanos();
    }

    /** A budget whose time starts now. */
    static RenderBudget start(RenderLimits limits) {
        return new RenderBudget(limits);
    }

    void loopIteration(int line) {
        if (++iterations > limits.loopIterations()) {
            throw exceeded("more than " + limits.loopIterations() + " loop iterations", line);
        }
        checkTime(line);
    }

    /** A value a filter or operator made, returned when it is within the limit. */
    <T> T made(T value, int line) {
        if (length(value) > limits.valueChars()) {
            throw exceeded("a value longer than " + limits.valueChars() + " characters", line);
        }
        checkTime(line);
        return value;
    }

    /**
     * A writer onto {@code out} that counts what the render writes. It passes each piece on as
     * Pebble wrote it: the encoder knows a template's static text by its array.
     */
    Writer writer(Writer out) {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                wrote(length);
                out.write(chars, offset, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                wrote(length);
                out.write(text, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private void wrote(int chars) {
        written += chars;
        if (written > limits.outputChars()) {
            throw exceeded("more than " + limits.outputChars() + " characters of output", null);
        }
        if (++writes % WRITES_PER_TIME_CHECK == 0) {
            checkTime(null);
        }
    }

    private void checkTime(Integer line) {
        if (System.nanoTime() - deadline > 0) {
            throw exceeded("longer than " + limits.time().toMillis() + " ms", line);
        }
    }

    private static int length(Object value) {
        return value instanceof CharSequence text ? text.length()
                : value instanceof SafeString safe ? safe.toString().length() : 0;
    }

    private static Exceeded exceeded(String what, Integer line) {
        return new Exceeded("Render limit: " + what, line);
    }

    /**
     * A limit reached. Pebble wraps what a condition or comparison throws in errors of its own
     * ("Wrong operand(s) type"), so {@link #reached} finds this among the causes.
     */
    static final class Exceeded extends PebbleException {

        private Exceeded(String message, Integer line) {
            super(null, message, line, null);
        }
    }

    /** The limit reached behind this failure, if one was; otherwise the failure itself. */
    static PebbleException reached(PebbleException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Exceeded exceeded) {
                return exceeded;
            }
        }
        return failure;
    }
}
