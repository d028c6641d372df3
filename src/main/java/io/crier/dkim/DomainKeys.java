package io.crier.dkim;

import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * The DKIM key of a sending domain for other modules: the one the workspace has for the domain, or
 * an RSA key generated now with selector {@value #SELECTOR}. Shows only what DNS must publish.
 */
@Service
public class DomainKeys {

    /** The selector of keys made for a sending domain. */
    public static final String SELECTOR = "crier";

    /** Where to publish the key ({@code dnsName}, a TXT record) and what ({@code dnsRecord}). */
    public record PublishedKey(String selector, String dnsName, String dnsRecord) {
    }

    private final DkimKeyRepository repository;
    private final DkimKeys keys;

    DomainKeys(DkimKeyRepository repository, DkimKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    /** The workspace's key for {@code domain}, a normalised DNS name (lower case, ASCII), if it has one. */
    public Optional<PublishedKey> find(UUID workspaceId, String domain) {
        return repository.forDomain(workspaceId, domain)
                .map(stored -> published(stored.selector(), domain, RsaKeys.read(stored.privateKeyPem())));
    }

    /** The workspace's key for {@code domain}, generated now if it has none. */
    public PublishedKey keyOf(UUID workspaceId, String domain) {
        return find(workspaceId, domain).orElseGet(() -> {
            DkimKey made = keys.create(workspaceId, domain, SELECTOR, null);
            return new PublishedKey(made.selector(), made.dnsName(), made.dnsRecord());
        });
    }

    /** The name in canonical DNS form (lower case, internationalised names in ASCII), if it is one. */
    public static Optional<String> normalize(String domain) {
        return DkimNames.normalize(domain);
    }

    private static PublishedKey published(String selector, String domain,
            RSAPrivateCrtKey key) {
        return new PublishedKey(selector, DkimNames.dnsName(selector, domain), RsaKeys.dnsRecord(key));
    }
}
