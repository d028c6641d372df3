package io.crier.audience;

import jakarta.validation.constraints.Size;

/** A suppression group's create or update body, AutoSend's fields; an update changes only those given. */
record GroupRequest(@Size(max = 200) String name, @Size(max = 1000) String description, Boolean isActive) {
}
