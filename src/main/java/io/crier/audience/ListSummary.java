package io.crier.audience;

import java.util.UUID;

/** A list as other objects show it: AutoSend's {@code {id, name, contactCount}}. */
public record ListSummary(UUID id, String name, long contactCount) {
}
