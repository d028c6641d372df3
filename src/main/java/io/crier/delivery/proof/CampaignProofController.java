package io.crier.delivery.proof;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.content.RenderedMessage;
import io.crier.delivery.TestSends;
import io.crier.shared.ApiResponse;

/**
 * {@code POST /v1/campaigns/{id}/preview} renders the campaign for one contact;
 * {@code POST /v1/campaigns/{id}/test} (scope {@code send}) sends it to up to 10 addresses. Neither
 * changes the campaign, its deliveries or its counters.
 */
@Tag(name = "Campaigns")
@RestController
@RequestMapping("/v1/campaigns/{id}")
class CampaignProofController {

    /** The contact to render for: by id, or by address. */
    record PreviewRequest(String contactId, String email) {
    }

    /** Where to send a test. */
    record TestRequest(@Size(max = TestSends.MAX_ADDRESSES) List<@NotNull String> emails) {

        TestRequest {
            emails = emails == null ? List.of() : emails;
        }
    }

    private final CampaignProofs proofs;

    CampaignProofController(CampaignProofs proofs) {
        this.proofs = proofs;
    }

    @PostMapping("/preview")
    ApiResponse<RenderedMessage> preview(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestBody PreviewRequest body) {
        return ApiResponse.of(proofs.preview(caller.workspaceId(), id, body.contactId(), body.email()));
    }

    @PostMapping("/test")
    ApiResponse<Map<String, List<TestSends.TestResult>>> test(@AuthenticationPrincipal ApiPrincipal caller,
            @PathVariable String id, @Valid @RequestBody TestRequest body) {
        return ApiResponse.of(Map.of("results", proofs.test(caller.workspaceId(), id, body.emails())),
                "Test sent");
    }
}
