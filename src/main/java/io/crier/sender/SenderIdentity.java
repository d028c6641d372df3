package io.crier.sender;

import java.util.UUID;

/** A sender as other modules use it: the From address and name, and the Reply-To if any. */
public record SenderIdentity(UUID id, String email, String name, String replyTo) {
}
