package io.crier.audience;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** AutoSend's body naming contacts by address only: {@code {"emails": [...]}}. */
record EmailList(@NotEmpty @Size(max = MemberChange.MAX_PER_CALL) List<@NotNull String> emails) {
}
