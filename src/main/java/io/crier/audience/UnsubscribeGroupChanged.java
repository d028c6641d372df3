package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

/**
 * Published, in the transaction that records it, when an address leaves an unsubscribe group
 * ({@code left}) or comes back to one it had left: by the preference page, an unsubscribe link under
 * the group, or the API. {@code campaignId} is the campaign whose mail it did so through; null for
 * the API.
 */
public record UnsubscribeGroupChanged(UUID workspaceId, UUID groupId, String groupName, String email,
        UUID campaignId, boolean left, Instant at) {
}
