package io.crier.feedback.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading providers' JSON: a field missing or of the wrong kind is named by its path in the body. */
final class EventFields {

    private static final Pattern MESSAGE_ID_HEADER = Pattern.compile("(?im)^message-id:[ \\t]*(<[^>\\s]{1,500}>)");

    /** A field of one event is missing or unusable: that event is refused, the others are read. */
    static final class MalformedEvent extends RuntimeException {

        private final transient FieldProblem problem;

        MalformedEvent(String field, String message) {
            super(field + " " + message, null, false, false);
            this.problem = new FieldProblem(field, message);
        }

        FieldProblem problem() {
            return problem;
        }
    }

    private EventFields() {
    }

    /** The body as JSON; a 400 naming {@code body} when it is not JSON at all. */
    static JsonNode parse(JsonMapper json, byte[] body, String field) {
        if (body == null || body.length == 0) {
            throw ApiException.invalid(field, "is missing");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.invalid(field, "is not JSON");
        }
    }

    /** A required text (or number) at {@code node.name}; {@code path} names it in the error. */
    static String text(JsonNode node, String name, String path) {
        String value = optionalText(node, name);
        if (value == null) {
            throw new MalformedEvent(path, "is required and must be a string");
        }
        return value;
    }

    /** The text (or number) at {@code node.name}, or null when absent, blank or of another kind. */
    static String optionalText(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isString() && !value.isNumber()) {
            return null;
        }
        String text = value.asString().strip();
        return text.isEmpty() ? null : text;
    }

    /** Message-IDs as headers give them, with angle brackets even where the provider drops them. */
    static List<String> messageIds(String... values) {
        List<String> ids = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                String id = value.strip();
                ids.add(id.startsWith("<") ? id : "<" + id + ">");
            }
        }
        return ids;
    }

    /** Every Message-ID header in raw mail text, such as a bounce's copy of the original headers. */
    static List<String> messageIdsIn(String mail) {
        List<String> ids = new ArrayList<>();
        if (mail != null) {
            Matcher matcher = MESSAGE_ID_HEADER.matcher(mail);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /** 401: the request carries no signature or credentials. */
    static ApiException unsigned(String what) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, what);
    }

    /** 403: the signature or credentials do not verify; nothing of the request is read. */
    static ApiException forged(String what) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, what);
    }
}
