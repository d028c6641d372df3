package io.crier.shared;

/**
 * How a vendor dialect shows errors. Every error of a request under its {@link #pathPrefix()},
 * whether a filter (authentication, scopes, rate limits, body size) or the exception handler
 * writes it, is first made as Crier's own {@link ErrorBody} and then given this dialect's shape.
 * A dialect declares a bean of this type; nothing else is needed for its errors.
 */
public interface ErrorDialect {

    /** The start of every path of the dialect, e.g. {@code /blueshift/}. */
    String pathPrefix();

    /** The body to answer instead of Crier's error envelope; the HTTP status stays the same. */
    Object body(ErrorBody error);
}
