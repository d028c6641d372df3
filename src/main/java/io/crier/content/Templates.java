package io.crier.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.shared.FieldProblem;

/** What other modules may ask about templates. */
@Service
public class Templates {

    private final TemplateRepository repository;

    Templates(TemplateRepository repository) {
        this.repository = repository;
    }

    /** The workspace's template with this id; empty for an id of no template in this workspace. */
    public Optional<TemplateSummary> find(UUID workspaceId, UUID id) {
        return repository.find(workspaceId, id).map(template -> new TemplateSummary(template.id(), template.name(),
                template.subject(), hasText(template.html()) || hasText(template.text())));
    }

    /**
     * The message a campaign sends: its own subject, HTML and text where it has them, the
     * template's otherwise. Empty when the campaign names a template this workspace no longer has.
     */
    public Optional<MessageContent> content(UUID workspaceId, UUID templateId, MessageContent own) {
        if (templateId == null) {
            return Optional.of(own);
        }
        return repository.find(workspaceId, templateId).map(template -> new MessageContent(own.fromEmail(),
                own.fromName(), own.replyTo(), hasText(own.subject()) ? own.subject() : template.subject(),
                own.previewText(), hasText(own.html()) || hasText(own.text()) ? own.html() : template.html(),
                hasText(own.html()) || hasText(own.text()) ? own.text() : template.text()));
    }

    /**
     * The placeholder syntax errors of message parts, keyed by the field that holds each part
     * ({@code subject}, {@code html}, ...; null parts are skipped), each naming the error and its
     * line. Empty when every part compiles.
     */
    public List<FieldProblem> placeholderProblems(Map<String, String> partsByField) {
        return Placeholders.problems(partsByField);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
