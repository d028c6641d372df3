package io.crier.compat.leadterra;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.webhook.WebhookFormat;
import io.crier.webhook.Webhooks;

/**
 * Leadterra's {@code POST /webhooks}: a webhook in Leadterra's format (its event names, body and
 * {@code X-Leadterra-Signature}) on Crier's webhook outbox, so it gets the same durable delivery
 * and retries (1m, 5m, 30m, 2h, 8h). Leadterra shows a webhook's signing secret in its dashboard;
 * Crier has none, so the answer carries the generated secret, once.
 */
@Tag(name = "Leadterra")
@RestController
class LeadterraWebhookController {

    record WebhookRequest(@NotBlank @Size(max = Webhooks.MAX_URL_LENGTH) String url,
            @NotNull List<@NotBlank String> events) {
    }

    record WebhookFields(UUID id, String url, List<String> events, String status, Instant createdAt, String secret) {
    }

    record Created(WebhookFields webhook) {
    }

    private final Webhooks webhooks;

    LeadterraWebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(LeadterraSecurity.BASE + "/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    Created register(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody WebhookRequest body) {
        Webhooks.Registered registered = webhooks.register(caller.workspaceId(), body.url(), body.events(), null,
                WebhookFormat.LEADTERRA);
        var webhook = registered.webhook();
        return new Created(new WebhookFields(webhook.id(), webhook.url(), webhook.events(), "active",
                webhook.createdAt(), registered.secret()));
    }
}
