package io.crier.suppression;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Addresses to suppress: one ({@code email}), several ({@code emails}) or both, with a reason
 * ({@code manual} when none is given) and an optional note. The body of the native
 * {@code POST /v1/suppressions} and of the dialects' calls that add to the list.
 */
public record AddSuppressions(String email, @Size(max = MAX_PER_CALL) List<@NotNull String> emails,
        SuppressionReason reason, @Size(max = 1000) String detail) {

    public static final int MAX_PER_CALL = 1000;

    public AddSuppressions {
        emails = emails == null ? List.of() : emails;
        reason = reason == null ? SuppressionReason.MANUAL : reason;
    }

    public record Added(int added, int alreadySuppressed) {
    }
}
