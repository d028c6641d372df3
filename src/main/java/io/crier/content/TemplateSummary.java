package io.crier.content;

import java.util.UUID;

/**
 * A template as other modules need to know it.
 *
 * @param hasContent whether it has an HTML or a text body, so a campaign using it has something to send
 */
public record TemplateSummary(UUID id, String name, String subject, boolean hasContent) {
}
