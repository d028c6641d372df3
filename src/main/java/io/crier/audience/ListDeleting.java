package io.crier.audience;

import java.util.UUID;

/**
 * Published, synchronously, just before a list of the workspace is deleted: a listener that
 * throws (e.g. because a campaign under way sends to the list) keeps it.
 */
public record ListDeleting(UUID workspaceId, UUID listId) {
}
