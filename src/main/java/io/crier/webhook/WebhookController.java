package io.crier.webhook;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

/** Webhooks in Crier's own format or AutoSend's, and each one's delivery log. */
@Tag(name = "Webhooks", description = "Events pushed to your endpoints, signed, with retries and a delivery log")
@RestController
@RequestMapping("/v1/webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * {@code format} is optional: without it, events all named as Crier names them subscribe in Crier's
     * format, any other names in AutoSend's ({@link WebhookFormat#forEvents}).
     */
    record CreateWebhook(@NotBlank @Size(max = Webhooks.MAX_URL_LENGTH) String url, List<String> events,
            @Size(max = Webhooks.MAX_SECRET_LENGTH) String secret, Map<String, Object> metadata,
            @Pattern(regexp = "crier|autosend", message = "must be crier or autosend") String format) {
    }

    /** AutoSend's update: whatever is given replaces the webhook's. */
    record UpdateWebhook(@Size(max = Webhooks.MAX_URL_LENGTH) String url, List<String> events, Boolean isActive,
            Map<String, Object> metadata) {
    }

    @PostMapping
    ResponseEntity<ApiResponse<Map<String, Object>>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateWebhook request) {
        WebhookFormat format = request.format() == null ? WebhookFormat.forEvents(request.events())
                : WebhookFormat.of(request.format());
        Webhooks.Registered registered = webhooks.register(caller.workspaceId(), request.url(), request.events(),
                request.secret(), format, request.metadata());
        Webhook webhook = registered.webhook();
        return ResponseEntity.created(URI.create("/v1/webhooks/" + webhook.id()))
                .body(ApiResponse.of(shown(webhook, registered.secret()),
                        "Webhook created; store the secret now, it is not shown again"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) Boolean isActive) {
        return ApiResponse.of(webhooks.page(caller.workspaceId(), new PageQuery(page, limit), isActive));
    }

    /** AutoSend's resend: a call of one event the webhook subscribes to, with the caller's data. */
    record ResendWebhook(@NotBlank @Size(max = 100) String event, @NotNull Map<String, Object> data) {
    }

    /** Queues a delivery of the given event and data to the webhook: a test of its endpoint. */
    @PostMapping("/{id}/resend")
    ApiResponse<Map<String, Object>> resend(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @Valid @RequestBody ResendWebhook request) {
        return ApiResponse.of(Map.of("jobId", webhooks.resend(caller.workspaceId(), id, request.event(),
                request.data())), "Webhook queued for delivery");
    }

    @PutMapping("/{id}")
    ApiResponse<Map<String, Object>> update(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @Valid @RequestBody UpdateWebhook request) {
        Webhook updated = webhooks.update(caller.workspaceId(), id, request.url(), request.events(),
                request.isActive(), request.metadata());
        return ApiResponse.of(shown(updated, null), "Webhook updated successfully");
    }

    /**
     * The event names a webhook may subscribe to (AutoSend's "List Available Events"): AutoSend's in
     * {@code events}, Crier's in {@code crierEvents}; {@code neverSent} are AutoSend's names Crier
     * accepts but has nothing to send for.
     */
    @GetMapping("/events")
    ApiResponse<Map<String, Object>> events() {
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("events", WebhookFormat.AUTOSEND.eventNames());
        events.put("crierEvents", WebhookFormat.CRIER.eventNames());
        events.put("neverSent", WebhookFormat.AUTOSEND_NEVER_SENT);
        return ApiResponse.of(events);
    }

    /** The signing secret again, for its owner (the admin scope). */
    @GetMapping("/{id}/reveal")
    ApiResponse<Map<String, Object>> reveal(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", id);
        shown.put("secret", webhooks.secret(caller.workspaceId(), id));
        return ApiResponse.of(shown);
    }

    @GetMapping("/{id}")
    ApiResponse<Webhook> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(webhooks.get(caller.workspaceId(), id));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        webhooks.delete(caller.workspaceId(), id);
        return ApiResponse.message("Webhook deleted; nothing more is sent to it");
    }

    /**
     * AutoSend's answer {@code data.webhook{…, isActive, metadata, secret}} first, then Crier's flat
     * {@code id, url, events, format, createdAt, secret}, which earlier clients read.
     */
    private static Map<String, Object> shown(Webhook webhook, String secret) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("id", webhook.id());
        nested.put("url", webhook.url());
        nested.put("events", webhook.events());
        nested.put("isActive", webhook.active());
        nested.put("metadata", webhook.metadata());
        nested.put("format", webhook.format());
        nested.put("createdAt", webhook.createdAt());
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("webhook", nested);
        shown.put("id", webhook.id());
        shown.put("url", webhook.url());
        shown.put("events", webhook.events());
        shown.put("format", webhook.format());
        shown.put("createdAt", webhook.createdAt());
        if (secret != null) {
            nested.put("secret", secret);
            shown.put("secret", secret);
        }
        return shown;
    }

    /** Newest first: each event with its attempts, status codes, errors and the next attempt. */
    @GetMapping("/{id}/deliveries")
    ApiResponse<Map<String, Object>> deliveries(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(webhooks.callLog(caller.workspaceId(), id, new PageQuery(page, limit)));
    }
}
