package io.crier.audience;

import java.util.List;
import java.util.UUID;

/**
 * Published, synchronously, in the transaction that deletes these contacts of the workspace, after
 * their rows are locked and just before they go: a module whose rows name them lets go of them here.
 */
public record ContactsDeleting(UUID workspaceId, List<UUID> contactIds) {
}
