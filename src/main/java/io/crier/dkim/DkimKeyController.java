package io.crier.dkim;

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

/** The workspace's DKIM signing keys: one per sending domain; only their public DNS records are shown. */
@Tag(name = "DKIM keys", description = "Signing keys per sending domain and the DNS records to publish")
@RestController
@RequestMapping("/v1/dkim-keys")
class DkimKeyController {

    /** Without privateKey, Crier generates an RSA-2048 key pair. */
    record CreateDkimKey(@NotBlank @Size(max = 253) String domain, @NotBlank @Size(max = 253) String selector,
            @Size(max = 10_000) String privateKey) {
    }

    private final DkimKeys keys;

    DkimKeyController(DkimKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<ApiResponse<DkimKey>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateDkimKey request) {
        DkimKey key = keys.create(caller.workspaceId(), request.domain(), request.selector(), request.privateKey());
        return ResponseEntity.created(URI.create("/v1/dkim-keys/" + key.id())).body(ApiResponse.of(key,
                "DKIM key stored: mail from " + key.domain() + " is signed with it from now on; publish"
                        + " dnsRecord as a TXT record at dnsName so that receivers can verify the signatures"));
    }

    @GetMapping
    ApiResponse<Map<String, List<DkimKey>>> list(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(Map.of("keys", keys.list(caller.workspaceId())));
    }

    @GetMapping("/{id}")
    ApiResponse<DkimKey> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(keys.get(caller.workspaceId(), id));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        keys.delete(caller.workspaceId(), id);
        return ApiResponse.message("DKIM key deleted; mail from its domain is no longer signed with it");
    }
}
