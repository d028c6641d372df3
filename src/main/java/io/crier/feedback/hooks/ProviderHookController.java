package io.crier.feedback.hooks;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.crier.shared.ApiResponse;

/**
 * The URL providers post their events to. Public: no API key, since the token in the path names
 * the hook and the provider's own signature or credentials authenticate each request. Hidden from
 * the OpenAPI document, which describes the API key API; docs/api.md describes it.
 */
@Hidden
@RestController
class ProviderHookController {

    private final ProviderHooks hooks;

    ProviderHookController(ProviderHooks hooks) {
        this.hooks = hooks;
    }

    @PostMapping("/hooks/{provider}/{token}")
    ApiResponse<ProviderHooks.Outcome> receive(@PathVariable String provider, @PathVariable String token,
            @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        return ApiResponse.of(hooks.receive(provider, token, new HookRequest(headers, body)));
    }
}
