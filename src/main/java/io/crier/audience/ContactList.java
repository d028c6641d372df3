package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A list of contacts as {@code /v1/lists} shows it. It is a list, whose members are written, or a
 * segment ({@code /v1/contact-lists} shows those parts: {@link ContactListView}), whose members
 * its filter matches; for a segment {@code contactCount} is that of its matching contacts.
 *
 * @param filterCriteria a segment's filter as JSON text, as {@link SegmentFilterReader} read it; null for a list
 * @param parentListId   the list or segment whose members alone a sub-segment matches
 */
record ContactList(UUID id, @JsonIgnore UUID workspaceId, String name, String description, long contactCount,
        Instant createdAt, Instant updatedAt, @JsonIgnore String type, @JsonIgnore String filterCriteria,
        @JsonIgnore UUID parentListId) {

    static final String LIST = "list";
    static final String SEGMENT = "segment";

    @JsonIgnore
    boolean isSegment() {
        return SEGMENT.equals(type);
    }

    ContactList renamed(Change<String> newName, Change<String> newDescription, Instant now) {
        return new ContactList(id, workspaceId, newName.applyTo(name), newDescription.applyTo(description),
                contactCount, createdAt, now, type, filterCriteria, parentListId);
    }

    ContactList refiltered(String newFilter, UUID newParent) {
        return new ContactList(id, workspaceId, name, description, contactCount, createdAt, updatedAt, type,
                newFilter, newParent);
    }

    ContactList counted(long count) {
        return new ContactList(id, workspaceId, name, description, count, createdAt, updatedAt, type, filterCriteria,
                parentListId);
    }
}
