package io.crier.suppression;

import java.util.List;
import java.util.UUID;

/**
 * Published, in the transaction that adds them, when addresses join a workspace's suppression list
 * (through the API or an unsubscribe link), so mail still waiting for them is withdrawn.
 */
public record AddressesSuppressed(UUID workspaceId, List<String> emails, SuppressionReason reason) {
}
