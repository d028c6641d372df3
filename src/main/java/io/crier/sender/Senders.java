package io.crier.sender;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.shared.ApiException;
import io.crier.shared.Ids;

/**
 * What other modules ask of senders: a sender by id, the workspace's default, and whether a From may be
 * used. (Its bean has a name of its own: the delivery module has a bean named senders.)
 */
@Service("workspaceSenders")
public class Senders {

    private final SenderService senders;
    private final DomainPolicy policy;

    Senders(SenderService senders, DomainPolicy policy) {
        this.senders = senders;
        this.policy = policy;
    }

    /** The workspace's sender {@code senderId}; a 400 naming {@code field} if it has none such. */
    public SenderIdentity resolve(UUID workspaceId, String senderId, String field) {
        return Ids.parse(senderId).flatMap(id -> senders.find(workspaceId, id))
                .map(Sender::identity)
                .orElseThrow(() -> ApiException.invalid(field, "is no sender of this workspace"));
    }

    /** The workspace's default sender, if it has any sender. */
    public Optional<SenderIdentity> defaultFor(UUID workspaceId) {
        return senders.defaultOf(workspaceId).map(Sender::identity);
    }

    /**
     * A 400 naming {@code field} when domains must be verified and {@code email}'s is not a verified
     * domain of this workspace (or is another workspace's); nothing when {@code email} is null.
     */
    public void requireUsableFrom(UUID workspaceId, String email, String field) {
        policy.requireUsable(workspaceId, email, field);
    }
}
