package io.crier.shared;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Turns a JSON body that could not be read into a problem that names the field. */
final class RequestProblems {

    private RequestProblems() {
    }

    static FieldProblem fromJackson(JacksonException e) {
        String field = path(e.getPath());
        if (e instanceof StreamReadException) {
            return new FieldProblem(field.isEmpty() ? "body" : field, "is not well-formed JSON");
        }
        if (e instanceof UnstorableTextException) {
            return new FieldProblem(orBody(field), e.getOriginalMessage());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return new FieldProblem(orBody(field), cause.getMessage());
        }
        if (e instanceof InvalidFormatException invalid) {
            return new FieldProblem(orBody(field), "has an invalid value " + quoted(invalid.getValue())
                    + expected(invalid.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatched) {
            return new FieldProblem(orBody(field), "has the wrong type" + expected(mismatched.getTargetType()));
        }
        return new FieldProblem(orBody(field), "is invalid");
    }

    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String orBody(String field) {
        return field.isEmpty() ? "body" : field;
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == String.class) {
            return "; expected a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "; expected true or false";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "; expected a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "; expected a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "; expected an array";
        }
        if (type == java.time.Instant.class) {
            return "; expected an ISO-8601 timestamp such as 2026-03-01T10:00:00Z";
        }
        return "; expected an object";
    }
}
