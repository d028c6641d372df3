package io.crier.audience;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A contact's fields as one request or one import row gives them, already validated. Only what
 * was given changes a contact: {@code email} is null when absent, {@code customFields} holds the
 * keys to set (a JSON null removes its key) and {@code listIds} the lists to add the contact to.
 */
record ContactInput(String email, Change<String> firstName, Change<String> lastName, Change<String> userId,
        Map<String, JsonNode> customFields, List<String> listIds) {

    ContactInput {
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
        listIds = List.copyOf(listIds);
    }

    /** Just an address: a contact made for someone who left a group before Crier knew them. */
    static ContactInput ofEmail(String email) {
        return new ContactInput(email, Change.keep(), Change.keep(), Change.keep(), Map.of(), List.of());
    }

    Contact create(UUID id, UUID workspaceId, Instant now) {
        return new Contact(id, workspaceId, email, firstName.value(), lastName.value(), userId.value(),
                merged(JsonNodeFactory.instance.objectNode()), List.of(), now, now);
    }

    Contact applyTo(Contact current, Instant now) {
        return new Contact(current.id(), current.workspaceId(), email == null ? current.email() : email,
                firstName.applyTo(current.firstName()), lastName.applyTo(current.lastName()),
                userId.applyTo(current.userId()), merged(current.customFields()), current.subscriptions(),
                current.createdAt(), now);
    }

    /** This input followed by {@code later} for the same contact, as if both were applied in turn. */
    ContactInput then(ContactInput later) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(customFields);
        fields.putAll(later.customFields);
        List<String> lists = new ArrayList<>(new LinkedHashSet<>(concat(listIds, later.listIds)));
        return new ContactInput(later.email == null ? email : later.email, firstName.then(later.firstName),
                lastName.then(later.lastName), userId.then(later.userId), fields, lists);
    }

    private ObjectNode merged(ObjectNode current) {
        ObjectNode result = current.deepCopy();
        customFields.forEach((key, value) -> {
            if (value.isNull()) {
                result.remove(key);
            } else {
                result.set(key, value);
            }
        });
        return result;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
