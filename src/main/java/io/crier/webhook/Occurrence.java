package io.crier.webhook;

import java.time.Instant;
import java.util.UUID;

/** One event as it happened, before any webhook format names and shapes it. */
record Occurrence(UUID workspaceId, WebhookEvent event, Instant at, Object data) {

    /** How one format shows it: its event name and its {@code data}. */
    record Rendered(String event, Object data) {
    }
}
