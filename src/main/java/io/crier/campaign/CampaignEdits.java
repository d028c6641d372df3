package io.crier.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.audience.AudienceLists;
import io.crier.audience.UnsubscribeGroups;
import io.crier.audience.ListSummary;
import io.crier.content.TemplateSummary;
import io.crier.content.Templates;
import io.crier.sender.SenderIdentity;
import io.crier.sender.SenderDirectory;
import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.Patch;

/**
 * Applies a create or update body to a campaign's settings and checks the result, reporting every
 * bad field at once; and checks that a campaign has what it needs to be sent.
 */
@Component
class CampaignEdits {

    private final AudienceLists lists;
    private final Templates templates;
    private final CampaignSteps steps;
    private final SenderDirectory senders;
    private final UnsubscribeGroups groups;

    CampaignEdits(AudienceLists lists, Templates templates, CampaignSteps steps, SenderDirectory senders,
            UnsubscribeGroups groups) {
        this.lists = lists;
        this.groups = groups;
        this.templates = templates;
        this.steps = steps;
        this.senders = senders;
    }

    /** Properties the body leaves out keep their current values; an explicit null clears one. */
    CampaignSettings apply(UUID workspaceId, CampaignSettings current, Patch<CampaignRequest> body) {
        CampaignRequest request = body.values();
        List<FieldProblem> problems = new ArrayList<>();

        String name = body.pick("name", request.name(), current.name());
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        }
        Sender from = request.from() == null ? Sender.NONE : request.from();
        Sender given = new Sender(body.pick("from.email", from.email(), current.from().email()),
                body.pick("from.name", from.name(), current.from().name()));
        String givenReplyTo = body.pick("replyTo", request.replyTo(), current.replyTo());
        Optional<SenderIdentity> chosen = chosenSender(workspaceId, request.senderId(), given, problems);
        Sender sender = chosen.map(s -> new Sender(s.email(), s.name())).orElse(given);
        String replyTo = givenReplyTo == null ? chosen.map(SenderIdentity::replyTo).orElse(null) : givenReplyTo;
        if (body.has("from.email") || request.senderId() != null) {
            String field = request.senderId() != null ? "senderId" : "from.email";
            senders.refusalOf(workspaceId, sender.email())
                    .ifPresent(reason -> problems.add(new FieldProblem(field, reason)));
        }
        UUID templateId = body.has("templateId")
                ? template(workspaceId, request.templateId(), problems) : current.templateId();
        List<UUID> toLists = body.has("toLists")
                ? lists(workspaceId, "toLists", request.toLists(), problems) : current.toLists();
        List<UUID> excludeLists = body.has("excludeLists")
                ? lists(workspaceId, "excludeLists", request.excludeLists(), problems) : current.excludeLists();
        excludeLists.stream().filter(toLists::contains).findFirst().ifPresent(both -> problems.add(
                new FieldProblem("excludeLists", "list " + both + " is also in toLists")));
        SendMode sendMode = body.pick("sendMode", request.sendMode(), current.sendMode());
        if (sendMode == null) {
            problems.add(new FieldProblem("sendMode", "is required"));
        }
        String timezone = body.pick("timezone", request.timezone(), current.timezone());
        boolean knownZone = timezone == null || ZoneId.getAvailableZoneIds().contains(timezone);
        if (!knownZone) {
            problems.add(new FieldProblem("timezone", "must be an IANA time zone such as America/New_York"));
        }
        Instant scheduledAt = body.has("scheduledAt")
                ? startTime(request.scheduledAt(), knownZone ? timezone : null, problems) : current.scheduledAt();
        Boolean trackingOpen = flag(body, "trackingOpen", request.trackingOpen(), current.trackingOpen(), problems);
        Boolean trackingClick = flag(body, "trackingClick", request.trackingClick(), current.trackingClick(),
                problems);
        Boolean trackReplies = flag(body, "trackReplies", request.trackReplies(), current.trackReplies(), problems);
        UUID unsubscribeGroupId = body.has("unsubscribeGroupId")
                ? unsubscribeGroup(workspaceId, request.unsubscribeGroupId(), problems) : current.unsubscribeGroupId();
        GradualSettings gradual = checkSendMode(sendMode, gradual(body, current.gradual()), scheduledAt, problems);
        ThresholdPreset preset = body.pick("thresholdPreset", request.thresholdPreset(), current.thresholdPreset());
        ThresholdPreset thresholdPreset = preset == null ? ThresholdPreset.DEFAULT : preset;
        BounceThreshold bounceThreshold = bounceThreshold(body, current.bounceThreshold(), problems);
        SendingWindowSettings sendingWindow = body.pick("sendingWindow", request.sendingWindow(),
                current.sendingWindow());
        if (sendingWindow != null) {
            problems.addAll(sendingWindow.problems());
        }
        List<CampaignStep> followUps = body.has("steps")
                ? steps.read(workspaceId, request.steps(), problems) : current.steps();
        Map<String, String> content = new LinkedHashMap<>();
        content.put("subject", body.pick("subject", request.subject(), current.subject()));
        content.put("previewText", body.pick("previewText", request.previewText(), current.previewText()));
        content.put("html", body.has("html") || !body.has("htmlTemplate")
                ? body.pick("html", request.html(), current.html()) : request.htmlTemplate());
        content.put("text", body.pick("text", request.text(), current.text()));
        problems.addAll(templates.placeholderProblems(content));
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new CampaignSettings(name, content.get("subject"), content.get("previewText"), sender,
                replyTo, content.get("html"), content.get("text"),
                templateId, toLists, excludeLists, sendMode, gradual, scheduledAt, timezone, trackingOpen,
                trackingClick, thresholdPreset, bounceThreshold, followUps, sendingWindow, trackReplies,
                unsubscribeGroupId);
    }

    /**
     * What a campaign must have before it starts: a subject (its own or its template's), a sender
     * address, content (HTML, text, or a template with either) and at least one list to send to;
     * every follow-up step a subject and content of its own or its template's.
     */
    void checkReady(UUID workspaceId, CampaignSettings settings) {
        Optional<TemplateSummary> template = Optional.ofNullable(settings.templateId())
                .flatMap(id -> templates.find(workspaceId, id));
        List<FieldProblem> missing = new ArrayList<>();
        if (isBlank(settings.subject()) && template.map(t -> isBlank(t.subject())).orElse(true)) {
            missing.add(new FieldProblem("subject", "is required to send the campaign"));
        }
        if (isBlank(settings.from().email())) {
            missing.add(new FieldProblem("from.email", "is required to send the campaign: give it, a senderId,"
                    + " or make the workspace a sender (POST /v1/senders)"));
        } else {
            senders.refusalOf(workspaceId, settings.from().email())
                    .ifPresent(reason -> missing.add(new FieldProblem("from.email", reason)));
        }
        if (isBlank(settings.html()) && isBlank(settings.text())
                && !template.map(TemplateSummary::hasContent).orElse(false)) {
            missing.add(new FieldProblem("html",
                    "html, text or a templateId with content is required to send the campaign"));
        }
        if (settings.toLists().isEmpty()) {
            missing.add(new FieldProblem("toLists", "needs at least one list to send the campaign"));
        }
        steps.checkReady(workspaceId, settings.steps(), missing);
        if (!missing.isEmpty()) {
            throw ApiException.invalid(missing);
        }
    }

    /**
     * The sender the campaign takes: the one {@code senderId} names (a problem if the workspace has
     * none such), else the workspace's default when the campaign has no From address; else none.
     */
    private Optional<SenderIdentity> chosenSender(UUID workspaceId, String senderId, Sender given,
            List<FieldProblem> problems) {
        if (senderId != null) {
            Optional<SenderIdentity> named = senders.resolve(workspaceId, senderId);
            if (named.isEmpty()) {
                problems.add(new FieldProblem("senderId", "is no sender of this workspace"));
            }
            return named;
        }
        return isBlank(given.email()) ? senders.defaultFor(workspaceId) : Optional.empty();
    }

    private static Instant startTime(String value, String timezone, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return StartTimes.parse(value, timezone);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("scheduledAt", e.getMessage()));
            return null;
        }
    }

    private UUID template(UUID workspaceId, String id, List<FieldProblem> problems) {
        if (id == null) {
            return null;
        }
        Optional<UUID> found = Ids.parse(id).flatMap(templateId -> templates.find(workspaceId, templateId))
                .map(TemplateSummary::id);
        if (found.isEmpty()) {
            problems.add(new FieldProblem("templateId", "is not a template of this workspace"));
        }
        return found.orElse(null);
    }

    /** The group named, or none for null or ""; one that is no group of this workspace is a problem. */
    private UUID unsubscribeGroup(UUID workspaceId, String id, List<FieldProblem> problems) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        Optional<UUID> found = groups.findId(workspaceId, id);
        if (found.isEmpty()) {
            problems.add(new FieldProblem("unsubscribeGroupId", UnsubscribeGroups.NOT_A_GROUP));
        }
        return found.orElse(null);
    }

    /** The distinct lists named, in order; every entry that is no list of this workspace is a problem. */
    private List<UUID> lists(UUID workspaceId, String field, List<ListRef> refs, List<FieldProblem> problems) {
        if (refs == null) {
            return List.of();
        }
        List<Optional<UUID>> ids = refs.stream()
                .map(ref -> ref == null ? Optional.<UUID>empty() : Ids.parse(ref.id()))
                .toList();
        Map<UUID, ListSummary> found = lists.find(workspaceId, ids.stream().flatMap(Optional::stream).toList());
        Set<UUID> resolved = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            Optional<UUID> id = ids.get(i).filter(found::containsKey);
            if (id.isPresent()) {
                resolved.add(id.get());
            } else {
                problems.add(new FieldProblem(field + "[" + i + "]", "is not a list of this workspace"));
            }
        }
        return List.copyOf(resolved);
    }

    /**
     * A gradual campaign needs a volume and grows {@code fixed} unless told otherwise; a scheduled
     * one needs its time. Returns the gradual settings with that default applied.
     */
    private static GradualSettings checkSendMode(SendMode sendMode, GradualSettings gradual, Instant scheduledAt,
            List<FieldProblem> problems) {
        if (sendMode == SendMode.SCHEDULED && scheduledAt == null) {
            problems.add(new FieldProblem("scheduledAt", "is required when sendMode is scheduled"));
        }
        if (sendMode != SendMode.GRADUAL) {
            return gradual;
        }
        if (gradual == null || !gradual.hasVolume()) {
            problems.add(new FieldProblem("gradual.emailsPerDay",
                    "is required when sendMode is gradual, unless gradual.perHour or gradual.perMinute is given"));
            return gradual;
        }
        return gradual.growth() != null ? gradual
                : new GradualSettings(gradual.emailsPerDay(), Growth.FIXED, gradual.perHour(), gradual.perMinute());
    }

    /** {@code gradual} merges property by property, so {@code {"gradual": {"perHour": 50}}} keeps the rest. */
    private static GradualSettings gradual(Patch<CampaignRequest> body, GradualSettings current) {
        GradualSettings given = body.values().gradual() == null ? GradualSettings.NONE : body.values().gradual();
        GradualSettings base = current == null ? GradualSettings.NONE : current;
        GradualSettings merged = new GradualSettings(
                body.pick("gradual.emailsPerDay", given.emailsPerDay(), base.emailsPerDay()),
                body.pick("gradual.growth", given.growth(), base.growth()),
                body.pick("gradual.perHour", given.perHour(), base.perHour()),
                body.pick("gradual.perMinute", given.perMinute(), base.perMinute()));
        return merged.isEmpty() ? null : merged;
    }

    /**
     * {@code bounceThreshold} merges property by property like {@code gradual}; the result has both
     * properties or none ({@code null} falls back to the preset).
     */
    private static BounceThreshold bounceThreshold(Patch<CampaignRequest> body, BounceThreshold current,
            List<FieldProblem> problems) {
        BounceThreshold given = body.values().bounceThreshold() == null ? BounceThreshold.NONE
                : body.values().bounceThreshold();
        BounceThreshold base = current == null ? BounceThreshold.NONE : current;
        BounceThreshold merged = new BounceThreshold(body.pick("bounceThreshold.rate", given.rate(), base.rate()),
                body.pick("bounceThreshold.minSample", given.minSample(), base.minSample()));
        if (merged.isEmpty()) {
            return null;
        }
        if (merged.rate() == null) {
            problems.add(new FieldProblem("bounceThreshold.rate", "is required with bounceThreshold.minSample"));
        }
        if (merged.minSample() == null) {
            problems.add(new FieldProblem("bounceThreshold.minSample", "is required with bounceThreshold.rate"));
        }
        return merged;
    }

    private static Boolean flag(Patch<CampaignRequest> body, String field, Boolean given, boolean current,
            List<FieldProblem> problems) {
        Boolean value = body.pick(field, given, current);
        if (value == null) {
            problems.add(new FieldProblem(field, "must be true or false"));
            return false;
        }
        return value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
