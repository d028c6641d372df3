package io.crier.campaign;

import java.util.UUID;

import io.crier.content.MessageContent;

/**
 * A started campaign as the delivery engine needs it: its message, resolved from its template
 * where it uses one, and for a gradual campaign its limits (null otherwise).
 */
public record LaunchedCampaign(UUID id, UUID workspaceId, MessageContent content, Gradual gradual) {

    /** Gradual limits; {@code growth} is the daily factor (1 for fixed). Null limits do not apply. */
    public record Gradual(Integer emailsPerDay, double growth, Integer perHour, Integer perMinute) {
    }
}
