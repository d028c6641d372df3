package io.crier.sender;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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
import io.crier.audience.EmailAddresses;
import io.crier.shared.ApiResponse;
import io.crier.shared.HeaderText;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * AutoSend's senders API: the workspace's From identities, answered as {@code {sender, projectId}}
 * (the project is the workspace). {@code isDefault} is Crier's: the sender used when a call names none.
 */
@Tag(name = "Senders", description = "From identities on the workspace's sending domains, one of them the default")
@RestController
@RequestMapping("/v1/senders")
class SenderController {

    record CreateSender(@NotBlank @Size(max = EmailAddresses.MAX_LENGTH) String email,
            @Size(max = 200) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String name,
            @Size(max = EmailAddresses.MAX_LENGTH) String replyTo,
            @JsonProperty("isDefault") Boolean isDefault) {
    }

    record OneSender(Sender sender, UUID projectId) {
    }

    record AllSenders(List<Sender> senders, UUID projectId) {
    }

    private final SenderService senders;

    SenderController(SenderService senders) {
        this.senders = senders;
    }

    @PostMapping
    ResponseEntity<ApiResponse<OneSender>> create(@AuthenticationPrincipal ApiPrincipal caller,
            @Valid @RequestBody CreateSender request) {
        Sender sender = senders.create(caller.workspaceId(), request.email(), request.name(), request.replyTo(),
                Boolean.TRUE.equals(request.isDefault()));
        return ResponseEntity.created(URI.create("/v1/senders/" + sender.id())).body(ApiResponse.of(
                new OneSender(sender, caller.workspaceId()), "Authenticated sender added successfully"));
    }

    @GetMapping
    ApiResponse<AllSenders> list(@AuthenticationPrincipal ApiPrincipal caller) {
        return ApiResponse.of(new AllSenders(senders.list(caller.workspaceId()), caller.workspaceId()));
    }

    @GetMapping("/{id}")
    ApiResponse<OneSender> get(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(new OneSender(senders.get(caller.workspaceId(), id), caller.workspaceId()));
    }

    /** Crier's: the sender becomes the one used when a call names none. */
    @PostMapping("/{id}/default")
    ApiResponse<OneSender> makeDefault(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        return ApiResponse.of(new OneSender(senders.makeDefault(caller.workspaceId(), id), caller.workspaceId()),
                "Default sender changed");
    }

    @DeleteMapping("/{id}")
    ApiResponse<Void> delete(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        senders.delete(caller.workspaceId(), id);
        return ApiResponse.message("Sender deleted successfully");
    }
}
