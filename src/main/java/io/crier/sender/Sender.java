package io.crier.sender;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A sender as the API shows it (AutoSend's fields, plus Crier's {@code isDefault} and {@code createdAt}). */
record Sender(UUID id, String email, String name, String replyTo,
        @JsonProperty("isDefault") boolean isDefault, Instant createdAt) {

    SenderIdentity identity() {
        return new SenderIdentity(id, email, name, replyTo);
    }

    String domain() {
        return email.substring(email.lastIndexOf('@') + 1);
    }
}
