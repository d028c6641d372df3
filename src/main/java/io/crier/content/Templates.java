package io.crier.content;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

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

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
