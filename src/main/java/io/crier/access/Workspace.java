package io.crier.access;

import java.time.Instant;
import java.util.UUID;

public record Workspace(UUID id, String name, Instant createdAt) {

    /** The workspace every installation starts with, and the one the bootstrap keys belong to. */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
}
