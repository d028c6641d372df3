package io.crier.content;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A reusable message: subject and bodies a campaign can send instead of its own. Shown under
 * AutoSend's names first ({@code templateId}, {@code templateName}, {@code emailTemplate},
 * {@code plainTextTemplate}), then under Crier's ({@code id}, {@code name}, {@code html}, {@code text}),
 * so clients of either read their own.
 */
@JsonPropertyOrder({"templateId", "templateName", "subject", "emailTemplate", "plainTextTemplate", "templateType",
        "builderType", "id", "name", "html", "text", "createdAt", "updatedAt"})
record Template(UUID id, String name, String subject, String html, String text, String templateType,
        String builderType, Instant createdAt, Instant updatedAt) {

    @JsonProperty
    UUID templateId() {
        return id;
    }

    @JsonProperty
    String templateName() {
        return name;
    }

    @JsonProperty
    String emailTemplate() {
        return html;
    }

    @JsonProperty
    String plainTextTemplate() {
        return text;
    }

    @JsonIgnore
    Template withContent(String name, String subject, String html, String text, String templateType,
            String builderType, Instant updatedAt) {
        return new Template(id, name, subject, html, text, templateType, builderType, createdAt, updatedAt);
    }
}
