package io.crier.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.content.TemplateSummary;
import io.crier.content.Templates;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;

/** Reads and checks a campaign's follow-up {@code steps}, naming each bad field by its index. */
@Component
class CampaignSteps {

    static final int MAX_STEPS = 50;
    static final int MAX_DELAY_DAYS = 365;

    private final Templates templates;

    CampaignSteps(Templates templates) {
        this.templates = templates;
    }

    /** The steps of a body; each problem found is added to {@code problems}. Null means none. */
    List<CampaignStep> read(UUID workspaceId, List<StepRequest> requests, List<FieldProblem> problems) {
        if (requests == null) {
            return List.of();
        }
        if (requests.size() > MAX_STEPS) {
            problems.add(new FieldProblem("steps", "has at most " + MAX_STEPS + " follow-up steps"));
            return List.of();
        }
        List<CampaignStep> steps = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            StepRequest request = requests.get(i);
            if (request == null) {
                problems.add(new FieldProblem(field(i, null), "must be an object"));
                continue;
            }
            CampaignStep step = new CampaignStep(request.subject(), request.previewText(), request.html(),
                    request.text(), template(workspaceId, i, request.templateId(), problems),
                    orZero(request.delayDays()), orZero(request.delayHours()), orZero(request.delayMinutes()));
            if (step.delay().compareTo(Duration.ofDays(MAX_DELAY_DAYS)) > 0) {
                problems.add(new FieldProblem(field(i, "delayDays"),
                        "the step's delay is at most " + MAX_DELAY_DAYS + " days in all"));
            }
            steps.add(step);
        }
        return steps;
    }

    /** What every step needs before the campaign is sent: a subject and content, its own or its template's. */
    void checkReady(UUID workspaceId, List<CampaignStep> steps, List<FieldProblem> missing) {
        for (int i = 0; i < steps.size(); i++) {
            CampaignStep step = steps.get(i);
            Optional<TemplateSummary> template = Optional.ofNullable(step.templateId())
                    .flatMap(id -> templates.find(workspaceId, id));
            if (isBlank(step.subject()) && template.map(t -> isBlank(t.subject())).orElse(true)) {
                missing.add(new FieldProblem(field(i, "subject"), "is required to send the campaign"));
            }
            if (isBlank(step.html()) && isBlank(step.text())
                    && !template.map(TemplateSummary::hasContent).orElse(false)) {
                missing.add(new FieldProblem(field(i, "html"),
                        "html, text or a templateId with content is required to send the campaign"));
            }
        }
    }

    private UUID template(UUID workspaceId, int index, String id, List<FieldProblem> problems) {
        if (id == null) {
            return null;
        }
        Optional<UUID> found = Ids.parse(id).flatMap(templateId -> templates.find(workspaceId, templateId))
                .map(TemplateSummary::id);
        if (found.isEmpty()) {
            problems.add(new FieldProblem(field(index, "templateId"), "is not a template of this workspace"));
        }
        return found.orElse(null);
    }

    private static String field(int index, String property) {
        return "steps[" + index + "]" + (property == null ? "" : "." + property);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
