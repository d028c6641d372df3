package io.crier.sender;

import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by a module that keeps senders in use (campaigns): a sender in use cannot be deleted.
 */
public interface SenderUsage {

    /** What uses the sender, e.g. "campaign 'Spring sale' (scheduled)", or empty when nothing does. */
    Optional<String> userOf(UUID workspaceId, UUID senderId);
}
