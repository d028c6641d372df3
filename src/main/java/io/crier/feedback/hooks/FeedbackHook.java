package io.crier.feedback.hooks;

import java.time.Instant;
import java.util.UUID;

/** A provider webhook of a workspace, as the API shows it: never its token or verification material. */
record FeedbackHook(UUID id, HookProvider provider, Instant createdAt) {
}
