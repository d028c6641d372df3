package io.crier.sender;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.EmailAddresses;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * A workspace's senders. Its first sender is its default until another is made default; when the
 * default is deleted, the oldest remaining sender takes its place. A sender that something still
 * uses is not deleted (a {@link SenderDeleting} listener refuses it, 409).
 */
@Service
class SenderService {

    /** Senders a workspace may have: more than any organisation's From addresses. */
    static final int MAX_PER_WORKSPACE = 200;

    private final SenderRepository repository;
    private final DomainPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SenderService(SenderRepository repository, DomainPolicy policy, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Sender create(UUID workspaceId, String email, String name, String replyTo, boolean makeDefault) {
        String address = EmailAddresses.normalize(email)
                .orElseThrow(() -> ApiException.invalid("email", "must be an email address"));
        String replyAddress = replyTo == null || replyTo.isBlank() ? null : EmailAddresses.normalize(replyTo)
                .orElseThrow(() -> ApiException.invalid("replyTo", "must be an email address"));
        policy.requireUsable(workspaceId, address, "email");
        if (repository.count(workspaceId) >= MAX_PER_WORKSPACE) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The workspace has " + MAX_PER_WORKSPACE
                    + " senders, the most it may have: delete one first",
                    List.of(new FieldProblem("email", "would be sender number " + (MAX_PER_WORKSPACE + 1))));
        }
        boolean isDefault = makeDefault || repository.findDefault(workspaceId).isEmpty();
        if (isDefault) {
            repository.clearDefault(workspaceId);
        }
        Sender sender = new Sender(Ids.newId(), address, name == null || name.isBlank() ? null : name.strip(),
                replyAddress, isDefault, Timestamps.now(clock));
        try {
            repository.insert(workspaceId, sender);
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The workspace has a sender " + address
                    + " already", List.of(new FieldProblem("email", "is a sender of this workspace already")));
        }
        return sender;
    }

    List<Sender> list(UUID workspaceId) {
        return repository.all(workspaceId);
    }

    Sender get(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(senderId -> repository.find(workspaceId, senderId))
                .orElseThrow(() -> ApiException.notFound("SENDER", "Sender"));
    }

    Optional<Sender> find(UUID workspaceId, UUID id) {
        return repository.find(workspaceId, id);
    }

    Optional<Sender> defaultOf(UUID workspaceId) {
        return repository.findDefault(workspaceId);
    }

    /** Makes the sender the workspace's default, in place of the one that was. */
    @Transactional
    Sender makeDefault(UUID workspaceId, String id) {
        Sender sender = get(workspaceId, id);
        repository.clearDefault(workspaceId);
        repository.setDefault(workspaceId, sender.id());
        return new Sender(sender.id(), sender.email(), sender.name(), sender.replyTo(), true, sender.createdAt());
    }

    @Transactional
    void delete(UUID workspaceId, String id) {
        Sender sender = get(workspaceId, id);
        events.publishEvent(new SenderDeleting(workspaceId, sender.id(), sender.email()));
        repository.delete(workspaceId, sender.id());
        repository.defaultToOldest(workspaceId);
    }
}
