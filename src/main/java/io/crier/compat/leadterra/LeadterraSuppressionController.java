package io.crier.compat.leadterra;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.suppression.AddSuppressions;
import io.crier.suppression.Suppressions;

/**
 * Leadterra's {@code POST /v1/suppression-list}: addresses no campaign of the workspace mails
 * again, the same list as the native {@code /v1/suppressions}, so a lead on it is {@code skipped}
 * when enrolled. Leadterra's stored pages name the call but show no body; this one takes the
 * native names ({@code email} and/or {@code emails}) and answers the counts.
 */
@Tag(name = "Leadterra")
@RestController
class LeadterraSuppressionController {

    private final Suppressions suppressions;

    LeadterraSuppressionController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Operation(summary = "Add addresses to the suppression list", description = "`email` and/or `emails` (up to "
            + AddSuppressions.MAX_PER_CALL + "), optional `detail`; answers `added` and `alreadySuppressed`. "
            + "Waiting mail to a newly suppressed address is withdrawn.")
    @PostMapping(LeadterraSecurity.BASE + "/suppression-list")
    AddSuppressions.Added add(@AuthenticationPrincipal ApiPrincipal caller, @Valid @RequestBody AddSuppressions body) {
        return suppressions.add(caller.workspaceId(), body);
    }
}
