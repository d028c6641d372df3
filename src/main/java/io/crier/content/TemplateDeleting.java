package io.crier.content;

import java.util.UUID;

/**
 * Published, synchronously, just before a template of the workspace is deleted: a listener that
 * throws (e.g. because a campaign under way takes its content from it) keeps it.
 */
public record TemplateDeleting(UUID workspaceId, UUID templateId) {
}
