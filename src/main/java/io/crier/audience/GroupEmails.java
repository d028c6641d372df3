package io.crier.audience;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Addresses to suppress in, or unsuppress from, one group: AutoSend's bulk body. */
record GroupEmails(@NotEmpty @Size(max = MemberChange.MAX_PER_CALL) List<@NotNull String> emails,
        @NotBlank String groupId) {
}
