package io.crier.audience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.crier.shared.FieldProblem;
import io.crier.shared.StorableText;

import tools.jackson.databind.JsonNode;

/**
 * Reads a contact from JSON: a request body, one element of a bulk import or a CSV row put into
 * the same shape. Every problem is collected, each naming its field, so one answer lists them all.
 */
final class ContactJson {

    static final int MAX_TEXT_LENGTH = 200;
    /** List ids one contact, or one import, may name: each is looked up, and bound into one query. */
    static final int MAX_LIST_IDS = 100;
    static final String TOO_MANY_LIST_IDS = "names at most " + MAX_LIST_IDS + " lists";

    private ContactJson() {
    }

    /** A contact read from JSON: {@code input} is null whenever {@code problems} is not empty. */
    record Parsed(ContactInput input, List<FieldProblem> problems) {

        boolean isValid() {
            return problems.isEmpty();
        }
    }

    /**
     * @param node          the contact object
     * @param objectName    what to call the whole value when it is not an object, e.g. {@code body}
     * @param emailRequired whether an email must be given (creation and upsert) or may be absent (update)
     */
    static Parsed read(JsonNode node, String objectName, boolean emailRequired) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(new FieldProblem(objectName, "must be a JSON object"));
            return new Parsed(null, problems);
        }
        String email = email(node.get("email"), emailRequired, problems);
        Change<String> firstName = JsonFields.text(node, "firstName", MAX_TEXT_LENGTH, problems);
        Change<String> lastName = JsonFields.text(node, "lastName", MAX_TEXT_LENGTH, problems);
        Change<String> userId = JsonFields.text(node, "userId", MAX_TEXT_LENGTH, problems);
        Map<String, JsonNode> customFields = customFields(node.get("customFields"), problems);
        List<String> listIds = node.has("listIds") ? listIds(node.get("listIds"), problems) : List.of();
        ContactInput input = problems.isEmpty()
                ? new ContactInput(email, firstName, lastName, userId, customFields, listIds)
                : null;
        return new Parsed(input, problems);
    }

    /** The email as given, for reports about rows that could not be read; null if not a string. */
    static String rawEmail(JsonNode node) {
        JsonNode email = node.get("email");
        return email != null && email.isString() ? email.stringValue() : null;
    }

    private static String email(JsonNode value, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldProblem("email", "is required"));
            } else if (value != null) {
                problems.add(new FieldProblem("email", "cannot be removed"));
            }
            return null;
        }
        if (!value.isString()) {
            problems.add(new FieldProblem("email", "must be a string"));
            return null;
        }
        return EmailAddresses.normalize(value.stringValue()).orElseGet(() -> {
            problems.add(new FieldProblem("email", "is not a valid email address"));
            return null;
        });
    }

    private static Map<String, JsonNode> customFields(JsonNode value, List<FieldProblem> problems) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (value == null) {
            return fields;
        }
        if (!value.isObject()) {
            problems.add(new FieldProblem("customFields", "must be a JSON object"));
            return fields;
        }
        if (value.toString().length() > Contact.MAX_CUSTOM_FIELDS_LENGTH) {
            problems.add(new FieldProblem("customFields", Contact.CUSTOM_FIELDS_TOO_LONG));
            return fields;
        }
        StorableText.check(value, "customFields", problems);
        value.properties().forEach(property -> fields.put(property.getKey(), property.getValue()));
        return fields;
    }

    /** An array of list ids; each problem names {@code listIds} or the element, {@code listIds[i]}. */
    static List<String> listIds(JsonNode value, List<FieldProblem> problems) {
        List<String> ids = new ArrayList<>();
        if (!value.isArray()) {
            problems.add(new FieldProblem("listIds", "must be an array of list ids"));
            return ids;
        }
        if (value.size() > MAX_LIST_IDS) {
            problems.add(new FieldProblem("listIds", TOO_MANY_LIST_IDS));
            return ids;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode id = value.get(i);
            if (id.isString()) {
                ids.add(id.stringValue());
            } else {
                problems.add(new FieldProblem("listIds[" + i + "]", "must be a string"));
            }
        }
        return ids;
    }
}
