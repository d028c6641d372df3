package io.crier.content;

import java.util.Map;

/** The person one message goes to, with what placeholders may use. */
public record Recipient(String email, String firstName, String lastName, String userId,
        Map<String, Object> customFields) {

    public Recipient {
        customFields = customFields == null ? Map.of() : customFields;
    }
}
