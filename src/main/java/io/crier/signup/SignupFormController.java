package io.crier.signup;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.audience.AudienceSignups;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.CrierProperties;

/** A list's signup form for its owner: where it lives, and the HTML to paste into a site. */
@Tag(name = "Lists", description = "Lists and their members")
@RestController
class SignupFormController {

    /**
     * @param open      whether the list takes sign-ups ({@code publicForm} on the list)
     * @param hostedUrl the hosted page
     * @param postUrl   where the snippet posts (form-encoded) and a site's code posts JSON
     * @param embedHtml the snippet: a plain form, no script
     */
    record FormLinks(boolean open, boolean doubleOptIn, String hostedUrl, String postUrl, String embedHtml) {
    }

    private final AudienceSignups audience;
    private final String base;

    SignupFormController(AudienceSignups audience, CrierProperties properties) {
        this.audience = audience;
        this.base = properties.effectivePublicUrl() + SignupController.PATH + "/";
    }

    @GetMapping("/v1/lists/{id}/form")
    ApiResponse<FormLinks> form(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        AudienceSignups.SignupForm form = audience.form(caller.workspaceId(), id)
                .orElseThrow(() -> ApiException.notFound("LIST", "List"));
        String url = base + form.listId();
        return ApiResponse.of(new FormLinks(form.open(), form.doubleOptIn(), url, url,
                SignupHtml.form(form, url, "embedded")));
    }
}
