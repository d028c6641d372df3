package io.crier.audience;

import java.util.UUID;

/**
 * A list or segment as other objects show it: AutoSend's {@code {id, name, type, contactCount}}.
 *
 * @param type {@code list} or {@code segment}
 */
public record ListSummary(UUID id, String name, String type, long contactCount) {
}
