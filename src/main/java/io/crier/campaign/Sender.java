package io.crier.campaign;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.crier.audience.EmailAddress;
import io.crier.shared.HeaderText;

/** The {@code from} of a campaign: address and display name. */
record Sender(@EmailAddress @Size(max = 320) String email,
        @Size(max = 200) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String name) {

    static final Sender NONE = new Sender(null, null);
}
