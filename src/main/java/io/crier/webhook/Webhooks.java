package io.crier.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.access.WorkspaceCaps;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering webhooks, in Crier's format or a vendor's, and publishing events to them. Publishing
 * writes the outbox rows in the caller's transaction, one per subscribed webhook; the dispatcher
 * sends them after the commit.
 */
@Service
public class Webhooks {

    /** The webhook table's url column holds this many characters. */
    public static final int MAX_URL_LENGTH = 2048;
    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 200;
    /** The webhook table's metadata column holds this many characters of JSON. */
    static final int MAX_METADATA_LENGTH = 4000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new webhook with its secret, which is shown only here. */
    public record Registered(Webhook webhook, String secret) {
    }

    private final WebhookRepository repository;
    private final WebhookSubscriptions subscriptions;
    private final OutboxRepository outbox;
    private final AutoSendMessages autoSendMessages;
    private final WebhookTargets targets;
    private final CallLog log;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final WorkspaceCaps caps;
    private final Clock clock;

    Webhooks(WebhookRepository repository, WebhookSubscriptions subscriptions, OutboxRepository outbox,
            AutoSendMessages autoSendMessages, WebhookTargets targets, CallLog log, JsonMapper json, WebhookProperties properties,
            WorkspaceCaps caps, Clock clock) {
        this.repository = repository;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.autoSendMessages = autoSendMessages;
        this.targets = targets;
        this.log = log;
        this.json = json;
        this.properties = properties;
        this.caps = caps;
        this.clock = clock;
    }

    /**
     * Registers a webhook for {@code events}, named as {@code format} names them. Without a secret,
     * one is generated. A 400 names the field for a URL that is not http(s) or points at an internal
     * address (unless allowed), for no events, for an event the format does not know, or for a
     * secret shorter than {@value #MIN_SECRET_LENGTH} characters; a 409 when the workspace already has
     * {@code crier.webhooks.per-workspace} webhooks.
     */
    public Registered register(UUID workspaceId, String url, List<String> events, String secret,
            WebhookFormat format) {
        return register(workspaceId, url, events, secret, format, null);
    }

    /** As above, keeping the caller's {@code metadata} object (AutoSend's) with the webhook. */
    Registered register(UUID workspaceId, String url, List<String> events, String secret, WebhookFormat format,
            Map<String, Object> metadata) {
        List<String> subscribed = checkEvents(events, format);
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            throw ApiException.invalid("secret", "must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        targets.checkRegistration(url);
        checkMetadata(metadata);
        Webhook webhook = new Webhook(Ids.newId(), url, subscribed, format, true, metadata, Timestamps.now(clock));
        String effectiveSecret = secret == null ? generatedSecret() : secret;
        caps.addWithin(workspaceId, properties.perWorkspace(), () -> repository.count(workspaceId),
                () -> repository.insert(workspaceId, webhook, effectiveSecret), this::full);
        subscriptions.forget(workspaceId);
        return new Registered(webhook, effectiveSecret);
    }

    private ApiException full() {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "This workspace has "
                + properties.perWorkspace() + " webhooks, the most allowed (crier.webhooks.per-workspace):"
                + " delete one first");
    }

    /**
     * Publishes one event to every webhook of the workspace subscribed to it, in the caller's
     * transaction. {@code data} is the event's {@code data} in Crier's format.
     */
    public void publish(UUID workspaceId, WebhookEvent event, Object data) {
        publish(List.of(new Occurrence(workspaceId, event, Timestamps.now(clock), data)));
    }

    /** The outbox rows for these occurrences, in one batch; nothing at all for workspaces without webhooks. */
    void publish(List<Occurrence> occurrences) {
        if (occurrences.isEmpty()) {
            return;
        }
        List<OutboxRow> rows = new ArrayList<>();
        AutoSendMessages.Batch messages = autoSendMessages.batch(occurrences);
        for (Occurrence occurrence : occurrences) {
            for (Subscription subscription : subscriptions.of(occurrence.workspaceId())) {
                subscription.format().render(occurrence, messages).stream()
                        .filter(rendered -> subscription.wants(rendered.event()))
                        .forEach(rendered -> rows.add(new OutboxRow(Ids.newId(), subscription.webhookId(),
                                occurrence.workspaceId(), rendered.event(), json.writeValueAsString(subscription
                                        .format().envelope(rendered.event(), occurrence.at(), rendered.data())),
                                occurrence.at())));
            }
        }
        if (!rows.isEmpty()) {
            outbox.insert(rows);
        }
    }

    /** A page of the workspace's webhooks; {@code active} null for all of them. */
    Map<String, Object> page(UUID workspaceId, PageQuery query, Boolean active) {
        return query.result("webhooks", repository.page(workspaceId, query, active),
                repository.count(workspaceId, active));
    }

    /**
     * AutoSend's update: each of {@code url}, {@code events}, {@code active} and {@code metadata}
     * that is not null replaces the webhook's, checked as on registration; events are named in the
     * webhook's own format.
     */
    Webhook update(UUID workspaceId, String id, String url, List<String> events, Boolean active,
            Map<String, Object> metadata) {
        Webhook current = get(workspaceId, id);
        List<String> subscribed = events == null ? current.events() : checkEvents(events, current.format());
        if (url != null) {
            targets.checkRegistration(url);
        }
        checkMetadata(metadata);
        Webhook updated = current.changed(url == null ? current.url() : url, subscribed,
                active == null ? current.active() : active, metadata == null ? current.metadata() : metadata);
        if (!repository.update(workspaceId, updated)) {
            throw notFound();
        }
        subscriptions.forget(workspaceId);
        return updated;
    }

    /**
     * AutoSend's resend: one call of {@code event} with the caller's {@code data}, in the webhook's
     * envelope and signed like any other, queued now; its id. A 400 {@code WEBHOOK_NOT_SUBSCRIBED}
     * when the webhook does not subscribe to the event.
     */
    UUID resend(UUID workspaceId, String id, String event, Map<String, Object> data) {
        Webhook webhook = get(workspaceId, id);
        if (!webhook.events().contains(event)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "WEBHOOK_NOT_SUBSCRIBED",
                    "Webhook is not subscribed to this event: " + event, List.of(new FieldProblem("event",
                            "must be one of the webhook's events: " + String.join(", ", webhook.events()))));
        }
        Instant now = Timestamps.now(clock);
        UUID callId = Ids.newId();
        outbox.insert(List.of(new OutboxRow(callId, webhook.id(), workspaceId, event,
                json.writeValueAsString(webhook.format().envelope(event, now, data)), now)));
        return callId;
    }

    /** The webhook's signing secret, which AutoSend lets its owner read again. */
    String secret(UUID workspaceId, String id) {
        return repository.secret(workspaceId, get(workspaceId, id).id()).orElseThrow(Webhooks::notFound);
    }

    private void checkMetadata(Map<String, Object> metadata) {
        if (metadata != null && json.writeValueAsString(metadata).length() > MAX_METADATA_LENGTH) {
            throw ApiException.invalid("metadata", "must be at most " + MAX_METADATA_LENGTH + " characters as JSON");
        }
    }

    Webhook get(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(webhookId -> repository.find(workspaceId, webhookId))
                .orElseThrow(Webhooks::notFound);
    }

    void delete(UUID workspaceId, String id) {
        if (!Ids.parse(id).map(webhookId -> repository.delete(workspaceId, webhookId)).orElse(false)) {
            throw notFound();
        }
        subscriptions.forget(workspaceId);
    }

    Map<String, Object> callLog(UUID workspaceId, String id, PageQuery query) {
        Webhook webhook = get(workspaceId, id);
        return query.result("deliveries", log.page(workspaceId, webhook.id(), query),
                log.count(workspaceId, webhook.id()));
    }

    private static List<String> checkEvents(List<String> events, WebhookFormat format) {
        String known = String.join(", ", format.eventNames()) + (format == WebhookFormat.CRIER
                ? "; or, in AutoSend's format, " + String.join(", ", WebhookFormat.AUTOSEND_EVENTS) : "");
        if (events == null || events.isEmpty()) {
            throw ApiException.invalid("events", "must name at least one event: " + known);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> subscribed = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event == null || !format.eventNames().contains(event)) {
                problems.add(new FieldProblem("events[" + i + "]", (event == null ? "null" : "\"" + event + "\"")
                        + " is not a webhook event; known events: " + known));
            } else {
                subscribed.add(event);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return List.copyOf(subscribed);
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiException notFound() {
        return ApiException.notFound("WEBHOOK", "Webhook");
    }
}
