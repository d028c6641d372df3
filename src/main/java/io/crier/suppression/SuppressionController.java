package io.crier.suppression;

import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.tags.Tag;

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
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.PageQuery;

/**
 * {@code /v1/suppressions}: the workspace's addresses that no campaign mails, whatever its lists
 * say. Bounces and unsubscribe links add to it by themselves; the API lists, adds and removes.
 */
@Tag(name = "Suppressions", description = "Addresses no campaign of the workspace mails")
@RestController
@RequestMapping("/v1/suppressions")
class SuppressionController {

    private final SuppressionRepository suppressions;
    private final Suppressions service;

    SuppressionController(SuppressionRepository suppressions, Suppressions service) {
        this.suppressions = suppressions;
        this.service = service;
    }

    /** Oldest first, optionally only one reason or one address. */
    @GetMapping
    ApiResponse<Map<String, Object>> list(@AuthenticationPrincipal ApiPrincipal caller,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String email,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        SuppressionReason wanted = reason == null ? null : reason(reason);
        String address = email == null ? null : email.trim().toLowerCase(Locale.ROOT);
        return ApiResponse.of(query.result("suppressions",
                suppressions.list(caller.workspaceId(), wanted, address, query.offset(), query.limit()),
                suppressions.count(caller.workspaceId(), wanted, address)));
    }

    /** Adds every address given; those already suppressed keep the reason they have. */
    @PostMapping
    ApiResponse<AddSuppressions.Added> add(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody AddSuppressions body) {
        return ApiResponse.of(service.add(caller.workspaceId(), body), "Suppressions added");
    }

    @DeleteMapping("/{email}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String email) {
        if (!suppressions.delete(caller.workspaceId(), email.trim().toLowerCase(Locale.ROOT))) {
            throw ApiException.notFound("SUPPRESSION", "Suppression");
        }
        return ApiResponse.message("Suppression removed");
    }

    private static SuppressionReason reason(String value) {
        try {
            return SuppressionReason.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("reason", e.getMessage());
        }
    }
}
