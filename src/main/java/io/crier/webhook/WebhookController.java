package io.crier.webhook;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

/** Webhooks in Crier's own format, and each one's delivery log. */
@Tag(name = "Webhooks", description = "Events pushed to your endpoints, signed, with retries and a delivery log")
@RestController
@RequestMapping("/v1/webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record CreateWebhook(@NotBlank @Size(max = Webhooks.MAX_URL_LENGTH) String url, List<String> events,
            @Size(max = Webhooks.MAX_SECRET_LENGTH) String secret) {
    }

    @PostMapping
    ResponseEntity<ApiResponse<Map<String, Object>>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateWebhook request) {
        Webhooks.Registered registered = webhooks.register(caller.workspaceId(), request.url(), request.events(),
                request.secret(), WebhookFormat.CRIER);
        Webhook webhook = registered.webhook();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", webhook.id());
        shown.put("url", webhook.url());
        shown.put("events", webhook.events());
        shown.put("format", webhook.format());
        shown.put("createdAt", webhook.createdAt());
        shown.put("secret", registered.secret());
        return ResponseEntity.created(URI.create("/v1/webhooks/" + webhook.id()))
                .body(ApiResponse.of(shown, "Webhook created; store the secret now, it is not shown again"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(webhooks.page(caller.workspaceId(), new PageQuery(page, limit)));
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

    /** Newest first: each event with its attempts, status codes, errors and the next attempt. */
    @GetMapping("/{id}/deliveries")
    ApiResponse<Map<String, Object>> deliveries(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(webhooks.callLog(caller.workspaceId(), id, new PageQuery(page, limit)));
    }
}
