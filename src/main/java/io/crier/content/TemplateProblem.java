package io.crier.content;

/** A template that cannot be compiled: which part ({@code subject}, {@code html}, ...), where and why. */
public class TemplateProblem extends RuntimeException {

    private final String part;

    public TemplateProblem(String part, String message, Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    public String part() {
        return part;
    }
}
