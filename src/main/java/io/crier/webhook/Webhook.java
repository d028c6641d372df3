package io.crier.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A registered webhook as the API shows it; its secret is shown only when it is created, and on
 * {@code reveal}. An inactive one ({@code isActive} false, AutoSend's switch) is sent nothing.
 * {@code metadata} is the caller's own object, kept as given.
 */
public record Webhook(UUID id, String url, List<String> events, WebhookFormat format,
        @JsonProperty("isActive") boolean active, Map<String, Object> metadata, Instant createdAt) {

    Webhook changed(String newUrl, List<String> newEvents, boolean nowActive, Map<String, Object> newMetadata) {
        return new Webhook(id, newUrl, newEvents, format, nowActive, newMetadata, createdAt);
    }
}
