package io.crier.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered webhook as the API shows it; its secret is shown only once, when it is created. */
public record Webhook(UUID id, String url, List<String> events, WebhookFormat format, Instant createdAt) {
}
