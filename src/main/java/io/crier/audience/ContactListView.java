package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A list or segment as {@code /v1/contact-lists} shows it (AutoSend's contact list, with
 * {@code type}, {@code filterCriteria} and {@code parentListId}).
 */
record ContactListView(UUID id, String name, String description, String type, JsonNode filterCriteria,
        UUID parentListId, long contactCount, Instant createdAt, Instant updatedAt) {
}
