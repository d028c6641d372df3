package io.crier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.crier.support.Api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies an endpoint must refuse, each named by what is wrong with it. */
final class MalformedBodies {

    /** Deeper than any parser should follow. */
    static final int DEEP = 5_000;
    /** Longer than any text field's limit, well under the body size limit. */
    static final int HUGE = 100_000;
    /**
     * Timestamps ISO-8601 can write but no API takes: past the year 9999 (the first past what
     * PostgreSQL stores, too), the last one Java knows, and before the year 1.
     */
    static final List<String> UNTAKEN_TIMES = List.of("+10000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z");
    /**
     * Addresses {@code @Email} takes but no header, MAIL FROM or mailto link can carry as they are:
     * a quoted local part with {@code >,<}, an IP literal, a domain of one label, surrounding spaces.
     */
    static final List<String> UNSENDABLE_ADDRESSES = List.of("\"x>,<https://evil.example\"@sample.example",
            "a@[127.0.0.1]", "a@localhost", " a@sample.example");
    /** A display name that would start a header of its own. */
    static final List<String> MULTI_LINE = List.of("Sender\r\nBcc: all@evil.example", "Sender\nX-Spam: no");

    /** How far a chunked body exceeds the size limit. */
    private static final int CHUNKED_EXCESS = 1024;
    private static final String JSON = "application/json";
    private static final String MARK = "MALFORMED_MARK";
    private static final byte[] INVALID_UTF8 = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, (byte) 0x28};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param field          for a body with one bad field, its path, which the 400 must name
     * @param expectedStatus the one status it must get, or 0 for any 4xx
     * @param contentType    null to send no Content-Type
     * @param chunked        sent without a Content-Length, as a stream
     */
    record Malformed(String description, String field, int expectedStatus, String contentType, byte[] body,
            boolean chunked) {

        static Malformed of(String description, String contentType, byte[] body) {
            return new Malformed(description, null, 0, contentType, body, false);
        }

        static Malformed of(String description, String contentType, String body) {
            return of(description, contentType, utf8(body));
        }

        Malformed expecting(int status) {
            return new Malformed(description, field, status, contentType, body, chunked);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private MalformedBodies() {
    }

    /**
     * Bodies a JSON endpoint must refuse: broken JSON, the wrong shape, wrong content types, too
     * large, and the valid sample with one field at a time given a wrong value.
     *
     * @param valid    the sample, filled in
     * @param required whether the endpoint needs a body, so that an empty body or {@code null} is wrong too
     */
    static List<Malformed> json(String valid, JsonSample sample, boolean required, long limit, boolean declaredLimit) {
        JsonNode root = Api.JSON.readTree(valid);
        List<Malformed> bodies = new ArrayList<>();
        bodies.add(Malformed.of("text that is not JSON", JSON, "this is not JSON"));
        bodies.add(Malformed.of("truncated JSON", JSON, valid.substring(0, valid.length() / 2)));
        bodies.add(Malformed.of("an unclosed object", JSON, "{"));
        bodies.add(Malformed.of("a second value after the body", JSON, valid + " {}"));
        if (!sample.arrayBody()) {
            bodies.add(Malformed.of("an empty array", JSON, "[]"));
            bodies.add(Malformed.of("the body inside an array", JSON, "[" + valid + "]"));
        }
        bodies.add(Malformed.of("a JSON string", JSON, "\"text\""));
        bodies.add(Malformed.of("a JSON number", JSON, "42"));
        bodies.add(Malformed.of("a JSON boolean", JSON, "true"));
        if (required) {
            bodies.add(Malformed.of("JSON null", JSON, "null"));
            bodies.add(Malformed.of("an empty body", JSON, ""));
            bodies.add(Malformed.of("only whitespace", JSON, " \n "));
        }
        bodies.add(Malformed.of(DEEP + " nested arrays", JSON, "[".repeat(DEEP) + "]".repeat(DEEP)));
        bodies.add(Malformed.of(DEEP + " nested objects", JSON, "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)));
        bodies.add(Malformed.of(DEEP + " unclosed arrays", JSON, "[".repeat(DEEP)));
        List<String> paths = paths(root, sample);
        if (!paths.isEmpty()) {
            String first = paths.getFirst();
            bodies.add(Malformed.of(DEEP + " nested arrays in " + first, JSON,
                    marked(root, first).replace("\"" + MARK + "\"", "[".repeat(DEEP) + "]".repeat(DEEP))));
        }
        String text = sample.bounded().isEmpty() ? firstText(root, paths) : sample.bounded().getFirst();
        if (text != null) {
            bodies.add(Malformed.of("invalid UTF-8 bytes in " + text, JSON, withBytes(marked(root, text), INVALID_UTF8)));
            bodies.add(Malformed.of("a NUL character in " + text, JSON, marked(root, text).replace(MARK, "a\\u0000b")));
            bodies.add(Malformed.of("an unpaired surrogate in " + text, JSON,
                    marked(root, text).replace(MARK, "a\\ud800b")));
        }
        bodies.addAll(wrongContentTypes(valid));
        bodies.addAll(tooLarge(JSON, valid, " ", limit, declaredLimit));
        for (String path : paths) {
            bodies.addAll(wrongValues(root, path, sample));
        }
        return bodies;
    }

    /** Bodies a CSV import must refuse as a whole. */
    static List<Malformed> csv(String contentType, String valid, long limit) {
        List<Malformed> bodies = new ArrayList<>();
        bodies.add(Malformed.of("an empty body", contentType, ""));
        bodies.add(Malformed.of("text that is not CSV", contentType, "this is not CSV"));
        bodies.add(Malformed.of("JSON", contentType, "[{\"email\": \"json@sample.example\"}]"));
        bodies.add(Malformed.of("a header without an email column", contentType, "name,plan\nAda,pro\n"));
        bodies.add(Malformed.of("a column named twice", contentType, "email,Email\na@sample.example,b@sample.example\n"));
        bodies.add(Malformed.of("an unterminated quote", contentType, "email\n\"open@sample.example\n"));
        bodies.add(Malformed.of("invalid UTF-8 bytes in a cell", contentType,
                withBytes("email,firstName\nutf8@sample.example," + MARK + "\n", INVALID_UTF8)));
        bodies.add(Malformed.of("an unknown charset", contentType + "; charset=no-such-charset", valid));
        bodies.addAll(wrongContentTypes(valid));
        bodies.add(Malformed.of("JSON content type", JSON, valid).expecting(415));
        bodies.addAll(tooLarge(contentType, "email\n", "\n", limit, false));
        return bodies;
    }

    /** Bodies a multipart upload of a CSV {@code file} must refuse. */
    static List<Malformed> multipart(String valid, long limit) {
        String type = SampleBodies.multipartType();
        List<Malformed> bodies = new ArrayList<>();
        bodies.add(Malformed.of("an empty body", type, ""));
        bodies.add(Malformed.of("text that is not multipart", type, "this is not multipart"));
        bodies.add(Malformed.of("no boundary in the content type", "multipart/form-data",
                SampleBodies.multipart(valid)));
        bodies.add(Malformed.of("another boundary than the content type's", type,
                SampleBodies.multipart(valid).replace(SampleBodies.MULTIPART_BOUNDARY, "other-boundary")));
        String form = SampleBodies.multipart(valid);
        bodies.add(Malformed.of("a truncated form", type, form.substring(0, form.length() / 2)));
        bodies.add(Malformed.of("a form without the closing boundary", type,
                form.substring(0, form.lastIndexOf("--" + SampleBodies.MULTIPART_BOUNDARY))));
        bodies.add(Malformed.of("no file part", type, form.replace("name=\"file\"", "name=\"other\"")));
        bodies.add(Malformed.of("a file without an email column", type, SampleBodies.multipart("name\nAda\n")));
        bodies.add(Malformed.of("invalid UTF-8 bytes in the file", type,
                withBytes(SampleBodies.multipart("email,firstName\nutf8@sample.example," + MARK + "\n"), INVALID_UTF8)));
        bodies.add(Malformed.of("a file of an unknown charset", type,
                form.replace("Content-Type: text/csv", "Content-Type: text/csv; charset=no-such-charset")));
        bodies.addAll(wrongContentTypes(form));
        String prefix = form.substring(0, form.indexOf(valid)) + "email\n";
        String suffix = form.substring(form.indexOf(valid) + valid.length());
        bodies.add(tooLargeChunked(type, prefix, "\n", suffix, limit));
        return bodies;
    }

    private static List<Malformed> wrongContentTypes(String valid) {
        return List.of(
                Malformed.of("a valid body as text/plain", "text/plain", valid).expecting(415),
                Malformed.of("a valid body as application/xml", "application/xml", valid).expecting(415),
                Malformed.of("a valid body without a Content-Type", null, utf8(valid)).expecting(415));
    }

    /**
     * The valid body made longer than the limit with filler its format ignores: by one byte with
     * a declared length, which is refused before reading; sent chunked, by a little more, since a
     * parser may stop before the very end (a multipart form's epilogue).
     */
    private static List<Malformed> tooLarge(String contentType, String valid, String filler, long limit,
            boolean declared) {
        List<Malformed> bodies = new ArrayList<>();
        if (declared) {
            bodies.add(new Malformed("a body of " + (limit + 1) + " bytes", null, 413, contentType,
                    padded(valid, filler, "", limit + 1), false));
        }
        bodies.add(tooLargeChunked(contentType, valid, filler, "", limit));
        return bodies;
    }

    private static Malformed tooLargeChunked(String contentType, String prefix, String filler, String suffix,
            long limit) {
        long size = limit + CHUNKED_EXCESS;
        return new Malformed("a chunked body of " + size + " bytes", null, 413, contentType,
                padded(prefix, filler, suffix, size), true);
    }

    private static byte[] padded(String prefix, String filler, String suffix, long size) {
        byte[] start = utf8(prefix);
        byte[] end = utf8(suffix);
        byte[] body = new byte[Math.toIntExact(size)];
        System.arraycopy(start, 0, body, 0, start.length);
        Arrays.fill(body, start.length, body.length - end.length, filler.getBytes(StandardCharsets.UTF_8)[0]);
        System.arraycopy(end, 0, body, body.length - end.length, end.length);
        return body;
    }

    /** The sample with the field at {@code path} given each value of another type, an unknown value, or a huge text. */
    private static List<Malformed> wrongValues(JsonNode root, String path, JsonSample sample) {
        JsonNode value = at(root, path);
        List<JsonNode> wrong = new ArrayList<>();
        if (value.isString()) {
            wrong.addAll(List.of(NODES.numberNode(42), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add("x")));
        } else if (value.isIntegralNumber()) {
            wrong.addAll(List.of(NODES.stringNode(value.asString()), NODES.numberNode(1.5), NODES.booleanNode(true),
                    NODES.objectNode(), NODES.arrayNode().add(value)));
        } else if (value.isBoolean()) {
            wrong.addAll(List.of(NODES.stringNode(value.asString()), NODES.numberNode(1), NODES.objectNode(),
                    NODES.arrayNode().add(value)));
        } else if (value.isArray()) {
            wrong.addAll(List.of(NODES.objectNode(), NODES.stringNode("x"), NODES.numberNode(42)));
        } else if (value.isObject()) {
            wrong.addAll(List.of(NODES.arrayNode(), NODES.stringNode("x"), NODES.numberNode(42),
                    NODES.booleanNode(true)));
        }
        if (sample.enums().contains(path)) {
            wrong.add(NODES.stringNode("no-such-value"));
        }
        if (sample.bounded().contains(path)) {
            wrong.add(NODES.stringNode("x".repeat(HUGE)));
        }
        sample.refused().getOrDefault(path, List.of()).forEach(text -> wrong.add(NODES.stringNode(text)));
        List<Malformed> bodies = new ArrayList<>();
        for (JsonNode replacement : wrong) {
            String shown = replacement.isString() && replacement.stringValue().length() > 40
                    ? "a " + replacement.stringValue().length() + "-character text" : replacement.toString();
            bodies.add(new Malformed(path + " = " + shown, path, 400, JSON, utf8(with(root, path, replacement)
                    .toString()), false));
        }
        return bodies;
    }

    /**
     * The paths of every field of the sample, depth first: object members at every level (except
     * inside free-form objects) and scalar array elements, as {@code from.email} or {@code toLists[0]}.
     * Elements that are objects are rows of their own (a bulk import's contacts), not fields.
     */
    /** The paths of every field of the sample, as {@link #collectPaths} finds them. */
    static List<String> paths(JsonNode root, JsonSample sample) {
        List<String> paths = new ArrayList<>();
        collectPaths(root, "", sample, paths);
        return paths;
    }

    private static void collectPaths(JsonNode node, String prefix, JsonSample sample, List<String> paths) {
        if (node.isObject() && !sample.freeForm().contains(prefix)) {
            for (String name : node.propertyNames()) {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                collectPaths(node.get(name), path, sample, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isValueNode()) {
                    paths.add(prefix + "[" + i + "]");
                }
            }
        }
    }

    private static String firstText(JsonNode root, List<String> paths) {
        return paths.stream().filter(path -> at(root, path).isString()).findFirst().orElse(null);
    }

    /** The sample, as text, with the field at {@code path} set to a marker string. */
    private static String marked(JsonNode root, String path) {
        return with(root, path, NODES.stringNode(MARK)).toString();
    }

    private static JsonNode at(JsonNode root, String path) {
        return walk(root, steps(path));
    }

    private static JsonNode walk(JsonNode root, List<String> steps) {
        JsonNode node = root;
        for (String step : steps) {
            node = step.startsWith("[") ? node.get(index(step)) : node.get(step);
        }
        return node;
    }

    /** A copy of {@code root} with the field at {@code path} set to {@code value}. */
    static JsonNode with(JsonNode root, String path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        List<String> steps = steps(path);
        JsonNode parent = walk(copy, steps.subList(0, steps.size() - 1));
        String last = steps.getLast();
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(index(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return copy;
    }

    /** A copy of {@code root} without the field at {@code path}. */
    static JsonNode without(JsonNode root, String path) {
        JsonNode copy = root.deepCopy();
        List<String> steps = steps(path);
        JsonNode parent = walk(copy, steps.subList(0, steps.size() - 1));
        String last = steps.getLast();
        if (last.startsWith("[")) {
            ((ArrayNode) parent).remove(index(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
        return copy;
    }

    /** "from.email" to [from, email]; "toLists[0]" to [toLists, [0]]. */
    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            steps.add(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                steps.add(part.substring(bracket));
            }
        }
        return steps;
    }

    private static int index(String step) {
        return Integer.parseInt(step.substring(1, step.length() - 1));
    }

    /** The text's UTF-8 bytes with the marker replaced by {@code bytes}. */
    private static byte[] withBytes(String text, byte[] bytes) {
        int at = text.indexOf(MARK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(text.substring(0, at)));
        out.writeBytes(bytes);
        out.writeBytes(utf8(text.substring(at + MARK.length())));
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
