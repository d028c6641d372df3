package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A list of contacts as the API shows it. */
record ContactList(UUID id, @JsonIgnore UUID workspaceId, String name, String description, long contactCount,
        Instant createdAt, Instant updatedAt) {

    ContactList renamed(Change<String> newName, Change<String> newDescription, Instant now) {
        return new ContactList(id, workspaceId, newName.applyTo(name), newDescription.applyTo(description),
                contactCount, createdAt, now);
    }
}
