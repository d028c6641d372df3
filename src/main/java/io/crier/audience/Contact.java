package io.crier.audience;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.node.ObjectNode;

/** A contact as the API shows it (AutoSend's shape), with the ids of the lists it belongs to. */
record Contact(UUID id, @JsonIgnore UUID workspaceId, String email, String firstName, String lastName,
        String userId, ObjectNode customFields, List<UUID> listIds, Instant createdAt, Instant updatedAt) {

    Contact withListIds(List<UUID> ids) {
        return new Contact(id, workspaceId, email, firstName, lastName, userId, customFields, List.copyOf(ids),
                createdAt, updatedAt);
    }
}
