package io.crier.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON object body into a {@link Patch}: typed and Bean-Validated like a {@code @Valid
 * @RequestBody}, with the same 400s naming the field (by full path, e.g. {@code from.email}).
 */
@Component
public class PatchReader {

    private final JsonMapper json;
    private final Validator validator;

    PatchReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> Patch<T> read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        T values;
        try {
            values = json.treeToValue(body, type);
        } catch (JacksonException e) {
            throw ApiException.invalid(List.of(RequestProblems.fromJackson(e)));
        }
        validate(values);
        Set<String> named = new HashSet<>();
        Set<String> nulled = new HashSet<>();
        collectPaths(body, "", named, nulled);
        return new Patch<>(values, named, nulled);
    }

    /**
     * A body another module built in code, Bean-Validated with the same 400s as one read from
     * JSON; it names exactly {@code named} (dotted paths), whose null values clear.
     */
    public <T> Patch<T> check(T values, Set<String> named) {
        validate(values);
        return new Patch<>(values, named, Set.of());
    }

    private <T> void validate(T values) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(values)) {
            problems.add(new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private static void collectPaths(JsonNode object, String prefix, Set<String> named, Set<String> nulled) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String path = prefix + property.getKey();
            named.add(path);
            if (property.getValue().isNull()) {
                nulled.add(path);
            } else if (property.getValue().isObject()) {
                collectPaths(property.getValue(), path + ".", named, nulled);
            }
        }
    }
}
