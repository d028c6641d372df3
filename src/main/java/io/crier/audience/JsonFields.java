package io.crier.audience;

import java.util.List;

import io.crier.shared.FieldProblem;
import io.crier.shared.StorableText;

import tools.jackson.databind.JsonNode;

/** Reads optional fields of a JSON object where absent (keep) and null (clear) mean different things. */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * A text field, trimmed; blank counts as null. A wrong type, text that cannot be stored or a
     * text longer than {@code maxLength} adds a problem and keeps the field unchanged.
     */
    static Change<String> text(JsonNode body, String field, int maxLength, List<FieldProblem> problems) {
        JsonNode value = body.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        if (!value.isString()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return Change.keep();
        }
        String text = value.stringValue().trim();
        String unstorable = StorableText.problem(text);
        if (unstorable != null) {
            problems.add(new FieldProblem(field, unstorable));
            return Change.keep();
        }
        if (text.length() > maxLength) {
            problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters"));
            return Change.keep();
        }
        return Change.to(text.isEmpty() ? null : text);
    }

    /** A boolean field that may be absent (keep) but not null. */
    static Change<Boolean> flag(JsonNode body, String field, List<FieldProblem> problems) {
        JsonNode value = body.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (!value.isBoolean()) {
            problems.add(new FieldProblem(field, "must be true or false"));
            return Change.keep();
        }
        return Change.to(value.booleanValue());
    }
}
