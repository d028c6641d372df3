package io.crier.sender;

import java.net.URI;
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
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.shared.ApiResponse;

/** The workspace's sending domains: the DNS records to publish, and their verification. */
@Tag(name = "Sending domains", description = "Domains mail is sent from, their DNS records and verification")
@RestController
@RequestMapping("/v1/domains")
class DomainController {

    record CreateDomain(@NotBlank @Size(max = 253) String domain) {
    }

    private final SendingDomains domains;

    DomainController(SendingDomains domains) {
        this.domains = domains;
    }

    @PostMapping
    ResponseEntity<ApiResponse<SendingDomain>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateDomain request) {
        SendingDomain domain = domains.create(caller.workspaceId(), request.domain());
        return ResponseEntity.created(URI.create("/v1/domains/" + domain.id())).body(ApiResponse.of(domain,
                "Domain added: publish its records, then POST /v1/domains/" + domain.id() + "/verify"));
    }

    @GetMapping
    ApiResponse<Map<String, List<SendingDomain>>> list(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(Map.of("domains", domains.list(caller.workspaceId())));
    }

    @GetMapping("/{id}")
    ApiResponse<SendingDomain> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(domains.get(caller.workspaceId(), id));
    }

    /** Looks the records up now; a lookup that gets no answer leaves the domain as it was, with the reason. */
    @PostMapping("/{id}/verify")
    ApiResponse<SendingDomain> verify(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        SendingDomain domain = domains.verify(caller.workspaceId(), id);
        return ApiResponse.of(domain, domain.verified() ? "Domain verified"
                : "Domain not verified yet: " + domain.reason());
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        domains.delete(caller.workspaceId(), id);
        return ApiResponse.message("Domain deleted");
    }
}
