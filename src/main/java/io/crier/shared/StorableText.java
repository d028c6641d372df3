package io.crier.shared;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Text Crier can keep as given. PostgreSQL cannot store a NUL character in text, and an unpaired
 * UTF-16 surrogate (which JSON's {@code "\ud800"} escape can produce) is no Unicode text at all:
 * stored, it would silently turn into {@code ?}. Both are refused where they enter, naming the field.
 */
public final class StorableText {

    private StorableText() {
    }

    /** What is wrong with this text, or null if it can be stored as it is. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain a NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text, without unpaired surrogates such as \\ud800";
            }
        }
        return null;
    }

    /**
     * Checks every string in a JSON value, property names included, and adds a problem naming
     * its path ({@code customFields.plan}, {@code customFields.tags[0]}) for each one that cannot be stored.
     */
    public static void check(JsonNode value, String path, List<FieldProblem> problems) {
        if (value.isString()) {
            String problem = problem(value.stringValue());
            if (problem != null) {
                problems.add(new FieldProblem(path, problem));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), path + "[" + i + "]", problems);
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                String name = property.getKey();
                String problem = problem(name);
                if (problem != null) {
                    problems.add(new FieldProblem(path, "has a property name that " + problem));
                } else {
                    check(property.getValue(), path + "." + name, problems);
                }
            }
        }
    }
}
