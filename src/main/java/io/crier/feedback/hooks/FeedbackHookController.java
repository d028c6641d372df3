package io.crier.feedback.hooks;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
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

/** The workspace's provider webhooks: where SES, SendGrid, Postmark and Mailgun report bounces and complaints. */
@Tag(name = "Provider webhooks", description = """
        Bounces and complaints reported by the provider that relays your mail (Amazon SES through SNS, \
        SendGrid, Postmark, Mailgun), at a URL made here: POST /hooks/{provider}/{token}, authenticated as \
        the provider signs it, never with an API key. Each event is matched to its delivery and applied as a \
        bounce or complaint heard by mail would be. Making and deleting a hook needs the admin scope; \
        docs/api.md says what to set up at each provider.""")
@RestController
@RequestMapping("/v1/feedback-hooks")
class FeedbackHookController {

    static final int MAX_KEY_LENGTH = 1000;
    static final int MAX_CREDENTIAL_LENGTH = 200;
    static final int MAX_TOPICS = 20;

    private final FeedbackHooks hooks;

    FeedbackHookController(FeedbackHooks hooks) {
        this.hooks = hooks;
    }

    record CreateFeedbackHook(
            @Schema(description = "ses, sendgrid, postmark or mailgun") @NotNull HookProvider provider,
            @Schema(description = "sendgrid: the Event Webhook's verification key (base64 ECDSA public key)")
            @Size(max = MAX_KEY_LENGTH) String publicKey,
            @Schema(description = "mailgun: the HTTP webhook signing key")
            @Size(max = MAX_KEY_LENGTH) String signingKey,
            @Schema(description = "postmark: the basic-auth user name you put in the webhook URL")
            @Size(max = MAX_CREDENTIAL_LENGTH) String username,
            @Schema(description = "postmark: the basic-auth password you put in the webhook URL")
            @Size(max = MAX_CREDENTIAL_LENGTH) String password,
            @Schema(description = "ses: the SNS topic ARNs whose messages it takes; a signed message of any"
                    + " other topic is refused with 403. Left out: any topic")
            @Size(max = MAX_TOPICS) List<@NotNull @Size(max = MAX_KEY_LENGTH) String> topicArns) {
    }

    @PostMapping
    ResponseEntity<ApiResponse<Map<String, Object>>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateFeedbackHook request) {
        FeedbackHooks.Created created = hooks.create(caller.workspaceId(), request.provider(), new HookMaterial(
                request.publicKey(), request.signingKey(), request.username(), request.password(),
                request.topicArns()));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", created.hook().id());
        shown.put("provider", created.hook().provider());
        shown.put("createdAt", created.hook().createdAt());
        if (created.hook().provider() == HookProvider.SES) {
            shown.put("topicArns", request.topicArns() == null ? List.of() : request.topicArns());
        }
        shown.put("url", created.url());
        return ResponseEntity.created(URI.create("/v1/feedback-hooks/" + created.hook().id()))
                .body(ApiResponse.of(shown, "Provider webhook created; give its URL to the provider now, it is"
                        + " not shown again"));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        return ApiResponse.of(hooks.page(caller.workspaceId(), new PageQuery(page, limit)));
    }

    @GetMapping("/{id}")
    ApiResponse<FeedbackHook> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(hooks.get(caller.workspaceId(), id));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        hooks.delete(caller.workspaceId(), id);
        return ApiResponse.message("Provider webhook deleted; its URL is refused from now on");
    }
}
