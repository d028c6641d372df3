package io.crier.webhook;

import java.util.List;
import java.util.UUID;

/** One webhook as the outbox sees it: which events, named in its format, it wants. */
record Subscription(UUID webhookId, WebhookFormat format, List<String> events) {

    boolean wants(String event) {
        return events.contains(event);
    }
}
