package io.crier.content;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Patch;
import io.crier.shared.Timestamps;

/** Creating, reading, changing and deleting a workspace's templates. */
@Service
class TemplateService {

    private final TemplateRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TemplateService(TemplateRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    Template create(UUID workspaceId, Patch<TemplateRequest> body) {
        Instant now = Timestamps.now(clock);
        Template template = merged(new Template(Ids.newId(), null, null, null, null, now, now), body, now);
        repository.insert(workspaceId, template);
        return template;
    }

    Template get(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(templateId -> repository.find(workspaceId, templateId))
                .orElseThrow(() -> ApiException.notFound("TEMPLATE", "Template"));
    }

    List<Template> list(UUID workspaceId, PageQuery page) {
        return repository.list(workspaceId, page.offset(), page.limit());
    }

    long count(UUID workspaceId) {
        return repository.count(workspaceId);
    }

    /** A partial update: properties the body leaves out keep their values; an explicit null clears one. */
    Template update(UUID workspaceId, String id, Patch<TemplateRequest> body) {
        Template updated = merged(get(workspaceId, id), body, Timestamps.now(clock));
        if (!repository.update(workspaceId, updated)) {
            throw ApiException.notFound("TEMPLATE", "Template");
        }
        return updated;
    }

    /**
     * Campaigns that used the template keep their own content; their template reference is cleared
     * by the schema ({@code on delete set null}). A listener to {@link TemplateDeleting} may refuse.
     */
    @Transactional
    void delete(UUID workspaceId, String id) {
        UUID templateId = Ids.parse(id).orElseThrow(() -> ApiException.notFound("TEMPLATE", "Template"));
        events.publishEvent(new TemplateDeleting(workspaceId, templateId));
        if (!repository.delete(workspaceId, templateId)) {
            throw ApiException.notFound("TEMPLATE", "Template");
        }
    }

    private static Template merged(Template current, Patch<TemplateRequest> body, Instant now) {
        TemplateRequest request = body.values();
        String name = body.pick("name", request.name(), current.name());
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        }
        Template merged = new Template(current.id(), name, body.pick("subject", request.subject(), current.subject()),
                body.pick("html", request.html(), current.html()), body.pick("text", request.text(), current.text()),
                current.createdAt(), now);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("subject", merged.subject());
        parts.put("html", merged.html());
        parts.put("text", merged.text());
        problems.addAll(Placeholders.problems(parts));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return merged;
    }
}
