package io.crier.content;

import jakarta.validation.constraints.Size;

/**
 * A template create or update body; every property is optional here, required ones are checked on
 * the result. AutoSend's names ({@code templateName}, {@code emailTemplate}, {@code plainTextTemplate})
 * and Crier's ({@code name}, {@code html}, {@code text}) are both accepted; when a body names both,
 * AutoSend's wins.
 */
record TemplateRequest(@Size(max = 200) String templateName, @Size(max = 200) String name,
        @Size(max = 998) String subject, String emailTemplate, String html, String plainTextTemplate, String text,
        @Size(max = 40) String templateType, @Size(max = 40) String builderType) {
}
