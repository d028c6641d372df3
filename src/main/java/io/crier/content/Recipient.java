package io.crier.content;

import java.util.Map;

/**
 * The person one message goes to, with what placeholders may use. A contact has its fields; a
 * transactional recipient has a {@code name} (its display name) and {@code dynamicData}, which
 * placeholders see over everything else.
 */
public record Recipient(String email, String firstName, String lastName, String userId,
        Map<String, Object> customFields, String name, Map<String, Object> dynamicData) {

    public Recipient {
        customFields = customFields == null ? Map.of() : customFields;
        dynamicData = dynamicData == null ? Map.of() : dynamicData;
    }

    /** A contact. */
    public Recipient(String email, String firstName, String lastName, String userId,
            Map<String, Object> customFields) {
        this(email, firstName, lastName, userId, customFields, null, null);
    }
}
