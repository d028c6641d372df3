package io.crier.compat.blueshift;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code bulk_archive} and {@code bulk_unarchive}: {@code {"uuid": [...]}}, 1 to 100 of them. */
record BulkRequest(@NotNull @Size(min = 1, max = BulkRequest.MAX) List<@NotNull String> uuid) {

    static final int MAX = 100;
}
