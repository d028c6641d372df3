package io.crier.campaign;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** The {@code from} of a campaign: address and display name. */
record Sender(@Email @Size(max = 320) String email, @Size(max = 200) String name) {

    static final Sender NONE = new Sender(null, null);
}
