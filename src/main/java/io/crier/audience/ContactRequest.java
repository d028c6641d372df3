package io.crier.audience;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A contact's create, upsert or update body as the OpenAPI document (and so the MCP tools' schemas)
 * shows it. {@link ContactJson} reads the body itself, collecting every problem by field; this only
 * describes it.
 */
@Schema(description = "A contact's fields. An update changes only the fields it names; null clears one.")
record ContactRequest(
        @Schema(description = "Required to create; cannot be removed", format = "email", maxLength = 320)
        String email,
        @Schema(maxLength = ContactJson.MAX_TEXT_LENGTH) String firstName,
        @Schema(maxLength = ContactJson.MAX_TEXT_LENGTH) String lastName,
        @Schema(description = "Your own id of the contact", maxLength = ContactJson.MAX_TEXT_LENGTH) String userId,
        @Schema(description = "Your own fields, any JSON values by name, for templates ({{ customFields.plan }})")
        Map<String, Object> customFields,
        @Schema(description = "Lists to add the contact to (never removes it from one), at most "
                + ContactJson.MAX_LIST_IDS) List<String> listIds) {
}
