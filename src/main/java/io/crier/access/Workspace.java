package io.crier.access;

import java.time.Instant;
import java.util.UUID;

public record Workspace(UUID id, String name, Instant createdAt) {
}
