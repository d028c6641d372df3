package io.crier.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

/**
 * Sections of docs/api.md (packaged with the application) as MCP resources, for an agent writing a
 * campaign: the template syntax, the sending rules, follow-up steps, and what MCP refuses.
 */
final class DocResources {

    private static final String API_DOC = "/docs/api.md";
    private static final String MARKDOWN = "text/markdown";

    private record Section(String uri, String heading, String description) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("crier://docs/templates", "Personalization",
                    "The template syntax of subjects and bodies: contact fields, custom fields, defaults, filters"),
            new Section("crier://docs/campaign-rules", "Campaign sending rules",
                    "What a campaign needs before it can send, and how its fields are checked"),
            new Section("crier://docs/steps", "Multi-step campaigns", "Follow-up steps and their delays"),
            new Section("crier://docs/mcp", "MCP server", "The tools, and what MCP refuses and why"));

    private DocResources() {
    }

    static List<SyncResourceSpecification> all() {
        String document = apiDoc();
        return SECTIONS.stream().map(section -> {
            String text = section(document, section.heading());
            Resource resource = Resource.builder(section.uri(), section.heading())
                    .description(section.description()).mimeType(MARKDOWN).build();
            return new SyncResourceSpecification(resource, (context, request) -> new ReadResourceResult(
                    List.of(new TextResourceContents(section.uri(), MARKDOWN, text))));
        }).toList();
    }

    /** The section under {@code ## heading}, its subsections included, up to the next {@code ## }. */
    static String section(String document, String heading) {
        int start = document.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new IllegalStateException(API_DOC + " has no section '" + heading + "'");
        }
        int end = document.indexOf("\n## ", start + 1);
        return document.substring(start + 1, end < 0 ? document.length() : end).strip() + "\n";
    }

    private static String apiDoc() {
        try (InputStream in = DocResources.class.getResourceAsStream(API_DOC)) {
            if (in == null) {
                throw new IllegalStateException(API_DOC + " is not packaged with the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
