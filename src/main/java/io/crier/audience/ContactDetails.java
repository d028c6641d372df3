package io.crier.audience;

import java.util.Map;
import java.util.UUID;

/** A contact as other modules need it: its address and the fields messages may name. */
public record ContactDetails(UUID id, String email, String firstName, String lastName, String userId,
        Map<String, Object> customFields) {
}
