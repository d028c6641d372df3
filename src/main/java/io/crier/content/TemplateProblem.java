package io.crier.content;

/**
 * A template that cannot be compiled or rendered: which part ({@code subject}, {@code html}, ...),
 * where and why. It keeps no cause: Pebble's exceptions carry the whole template source, which
 * must stay out of replies and logs.
 */
public class TemplateProblem extends RuntimeException {

    private final String part;

    public TemplateProblem(String part, String message) {
        super(message);
        this.part = part;
    }

    public String part() {
        return part;
    }
}
