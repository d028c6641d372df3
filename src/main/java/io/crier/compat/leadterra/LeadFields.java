package io.crier.compat.leadterra;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Leadterra lead as a Crier contact: {@code email}, {@code firstName} and {@code lastName} are
 * the contact's own; every other field ({@code company}, {@code jobTitle}, anything) and every
 * entry of {@code customFields} becomes a custom field of that name, so a step can use it as
 * {@code {{company}}} or {@code {{useCase}}}. Only the fields a lead names change its contact.
 */
final class LeadFields {

    private static final Set<String> OWN = Set.of("email", "firstName", "lastName");
    private static final String CUSTOM = "customFields";

    private LeadFields() {
    }

    /** The contact JSON the native API takes; a lead that is no object stays as it is, to be refused. */
    static JsonNode asContact(JsonNode lead) {
        if (!lead.isObject()) {
            return lead;
        }
        ObjectNode contact = JsonNodeFactory.instance.objectNode();
        ObjectNode custom = JsonNodeFactory.instance.objectNode();
        for (String name : lead.propertyNames()) {
            JsonNode value = lead.get(name);
            if (OWN.contains(name)) {
                contact.set(name, value);
            } else if (!name.equals(CUSTOM)) {
                custom.set(name, value);
            }
        }
        JsonNode given = lead.get(CUSTOM);
        if (given != null && !given.isObject()) {
            contact.set(CUSTOM, given);
            return contact;
        }
        if (given != null) {
            given.propertyNames().forEach(name -> custom.set(name, given.get(name)));
        }
        if (!custom.isEmpty()) {
            contact.set(CUSTOM, custom);
        }
        return contact;
    }
}
