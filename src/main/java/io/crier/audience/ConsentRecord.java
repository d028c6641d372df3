package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

/**
 * Proof of one sign-up: when, on which list's form ({@code source}: {@code hosted} page,
 * {@code embedded} snippet or the JSON {@code api}), from which IP address and user agent, the
 * exact text shown, and when the mailed link confirmed it (at once without double opt-in).
 */
public record ConsentRecord(UUID id, UUID listId, String listName, String source, String ipAddress,
        String userAgent, String consentText, Instant createdAt, Instant confirmedAt) {
}
