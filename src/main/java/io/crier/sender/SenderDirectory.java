package io.crier.sender;

import java.util.List;
import java.util.Locale;
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
    private final DomainRepository domains;

    SenderDirectory(SenderService senders, DomainPolicy policy, DomainRepository domains) {
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
     * Whether {@code domain} is the return-path domain ({@code bounces.<domain>}) of a sending domain
     * some workspace has claimed: the inbound listener takes bounces for it.
     */
    public boolean isReturnPathDomain(String domain) {
        String prefix = DomainRecords.RETURN_PATH_LABEL + ".";
        if (domain == null || !domain.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return false;
        }
        return domains.anyWorkspaceHas(domain.toLowerCase(Locale.ROOT).substring(prefix.length()));
    }
}
