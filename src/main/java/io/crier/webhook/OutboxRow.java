package io.crier.webhook;

import java.time.Instant;
import java.util.UUID;

/** One event for one webhook, about to go into the outbox: {@code body} is exactly what is sent and signed. */
record OutboxRow(UUID id, UUID webhookId, UUID workspaceId, String event, String body, Instant createdAt) {
}
