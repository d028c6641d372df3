package io.crier.content;

import java.time.Instant;
import java.util.UUID;

/** A reusable message: subject and bodies a campaign can send instead of its own. */
record Template(UUID id, String name, String subject, String html, String text, Instant createdAt,
        Instant updatedAt) {
}
