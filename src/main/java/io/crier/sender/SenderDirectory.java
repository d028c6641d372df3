package io.crier.sender;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.shared.Ids;

/**
 * What other modules ask of senders: a sender by id, the workspace's default, and whether a From may be
 * used.
 */
@Service
public class SenderDirectory {

    private final SenderService senders;
    private final DomainPolicy policy;
    private final SendingDomains domains;

    SenderDirectory(SenderService senders, DomainPolicy policy, SendingDomains domains) {
        this.senders = senders;
        this.policy = policy;
        this.domains = domains;
    }

    /** The workspace's sender {@code senderId}, if it has one such. */
    public Optional<SenderIdentity> resolve(UUID workspaceId, String senderId) {
        return Ids.parse(senderId).flatMap(id -> senders.find(workspaceId, id)).map(Sender::identity);
    }

    /** The workspace's senders, the default among them. */
    public List<SenderIdentity> all(UUID workspaceId) {
        return senders.list(workspaceId).stream().map(Sender::identity).toList();
    }

    /** The workspace's default sender, if it has any sender. */
    public Optional<SenderIdentity> defaultFor(UUID workspaceId) {
        return senders.defaultOf(workspaceId).map(Sender::identity);
    }

    /**
     * Why mail may not go out From {@code email} in this workspace (domains must be verified and its
     * domain is not, or is another workspace's), or empty when it may, or {@code email} is null.
     */
    public Optional<String> refusalOf(UUID workspaceId, String email) {
        return policy.refusal(workspaceId, email);
    }

    /**
     * The return-path domain of {@code domain} (a From address's domain, lower-cased), {@code bounces.<domain>}, when
     * it is a sending domain of the workspace whose return-path MX record (published when
     * {@code crier.inbound.mx-host} is set) its last check found; empty otherwise. A database read:
     * callers on the sending path keep the answer a while.
     */
    public Optional<String> returnPathDomain(UUID workspaceId, String domain) {
        return domains.returnPathOf(workspaceId, domain);
    }
}
