package io.crier.content;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
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

    static final String DELETE_FAILED = "DELETE_TEMPLATE_FAILED";

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
        Template template = merged(new Template(Ids.newId(), null, null, null, null, null, null, now, now), body, now);
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
     * by the schema ({@code on delete set null}). A listener to {@link TemplateDeleting} may refuse
     * (a campaign under way uses it): that is AutoSend's failed delete, 400 {@value #DELETE_FAILED}.
     */
    @Transactional
    void delete(UUID workspaceId, String id) {
        UUID templateId = Ids.parse(id).orElseThrow(() -> ApiException.notFound("TEMPLATE", "Template"));
        try {
            events.publishEvent(new TemplateDeleting(workspaceId, templateId));
        } catch (ApiException refused) {
            throw new ApiException(HttpStatus.BAD_REQUEST, DELETE_FAILED, refused.getMessage());
        }
        if (!repository.delete(workspaceId, templateId)) {
            throw ApiException.notFound("TEMPLATE", "Template");
        }
    }

    private static Template merged(Template current, Patch<TemplateRequest> body, Instant now) {
        TemplateRequest request = body.values();
        String name = aliased(body, "templateName", request.templateName(), "name", request.name(), current.name());
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem(body.has("templateName") ? "templateName" : "name", "is required"));
        }
        Template merged = current.withContent(name, body.pick("subject", request.subject(), current.subject()),
                aliased(body, "emailTemplate", request.emailTemplate(), "html", request.html(), current.html()),
                aliased(body, "plainTextTemplate", request.plainTextTemplate(), "text", request.text(),
                        current.text()),
                body.pick("templateType", request.templateType(), current.templateType()),
                body.pick("builderType", request.builderType(), current.builderType()), now);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("subject", merged.subject());
        parts.put(body.has("emailTemplate") ? "emailTemplate" : "html", merged.html());
        parts.put(body.has("plainTextTemplate") ? "plainTextTemplate" : "text", merged.text());
        problems.addAll(Placeholders.problems(parts));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return merged;
    }

    /** A property AutoSend and Crier name differently: AutoSend's name wins when the body sets both. */
    private static String aliased(Patch<TemplateRequest> body, String autoSendName, String autoSendValue,
            String crierName, String crierValue, String current) {
        return body.has(autoSendName) ? autoSendValue : body.pick(crierName, crierValue, current);
    }
}
