package io.crier.audience;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.node.ObjectNode;

/**
 * A contact as the API shows it (AutoSend's shape), with the ids of the lists it belongs to and,
 * in {@code subscriptions}, its status on each.
 */
record Contact(UUID id, @JsonIgnore UUID workspaceId, String email, String firstName, String lastName,
        String userId, ObjectNode customFields, List<Subscription> subscriptions, Instant createdAt,
        Instant updatedAt) {

    /** How long a contact's custom fields may be as JSON, whether given at once or merged over time. */
    static final int MAX_CUSTOM_FIELDS_LENGTH = 65_536;

    static final String CUSTOM_FIELDS_TOO_LONG = "must be at most " + MAX_CUSTOM_FIELDS_LENGTH
            + " characters as JSON, including the fields the contact already has";

    boolean customFieldsFit() {
        return customFields.toString().length() <= MAX_CUSTOM_FIELDS_LENGTH;
    }

    /** Every list the contact is a member of, whatever its status there. */
    @JsonProperty
    List<UUID> listIds() {
        return subscriptions.stream().map(Subscription::listId).toList();
    }

    Contact withSubscriptions(List<Subscription> memberships) {
        return new Contact(id, workspaceId, email, firstName, lastName, userId, customFields,
                List.copyOf(memberships), createdAt, updatedAt);
    }
}
