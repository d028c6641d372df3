package io.crier.shared;

/** One invalid field of a request: {@code field} is a path such as {@code toLists[0].id}. */
public record FieldProblem(String field, String message) {
}
