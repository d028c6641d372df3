package io.crier.sender;

import java.util.UUID;

/**
 * Published, synchronously, just before a sender of the workspace is deleted: a listener that
 * throws (because a campaign under way sends From its address) keeps it.
 */
public record SenderDeleting(UUID workspaceId, UUID senderId, String email) {
}
