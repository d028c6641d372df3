package io.crier.suppression;

import java.time.Instant;

/** An address no campaign of the workspace mails, why, and since when. */
record Suppression(String email, SuppressionReason reason, String detail, Instant createdAt) {
}
