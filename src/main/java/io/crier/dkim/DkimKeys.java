package io.crier.dkim;

import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.access.WorkspaceCaps;
import io.crier.dkim.DkimKeyRepository.StoredKey;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/** A workspace's DKIM keys through the API: one per sending domain, given or generated. */
@Service
class DkimKeys {

    /**
     * Keys a workspace may store: one per sending domain, far more than any sender has, and few
     * enough that listing them (each parsed to show its DNS record) stays cheap.
     */
    static final int MAX_PER_WORKSPACE = 100;

    static final String FROM_API = "api";
    static final String FROM_CONFIGURATION = "configuration";

    private final DkimKeyRepository repository;
    private final ConfiguredKeys configured;
    private final DkimSigning signing;
    private final WorkspaceCaps caps;
    private final Clock clock;

    DkimKeys(DkimKeyRepository repository, ConfiguredKeys configured, DkimSigning signing, WorkspaceCaps caps,
            Clock clock) {
        this.repository = repository;
        this.caps = caps;
        this.configured = configured;
        this.signing = signing;
        this.clock = clock;
    }

    /**
     * Stores the key for the domain, or generates an RSA key of {@value RsaKeys#GENERATED_BITS} bits
     * without {@code privateKeyPem}. A 400 names the field for a domain or selector that is no DNS
     * name, and for a private key that is no unencrypted RSA key in PEM of {@value RsaKeys#MIN_BITS}
     * to {@value RsaKeys#MAX_BITS} bits; a 409 if the domain has a key already, or the workspace
     * {@value #MAX_PER_WORKSPACE} keys (checked before a key is generated, the costly part).
     */
    DkimKey create(UUID workspaceId, String domain, String selector, String privateKeyPem) {
        if (repository.count(workspaceId) >= MAX_PER_WORKSPACE) {
            throw full();
        }
        List<FieldProblem> problems = new ArrayList<>();
        String checkedDomain = DkimNames.normalize(domain).orElse(null);
        if (checkedDomain == null) {
            problems.add(new FieldProblem("domain", "must be a domain name, such as example.com"));
        }
        String checkedSelector = DkimNames.normalize(selector).orElse(null);
        if (checkedSelector == null) {
            problems.add(new FieldProblem("selector", "must be a DNS label, such as crier1"));
        }
        RSAPrivateCrtKey key = null;
        try {
            key = privateKeyPem == null ? RsaKeys.generate() : RsaKeys.read(privateKeyPem);
        } catch (RsaKeys.Unusable e) {
            problems.add(new FieldProblem("privateKey", e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        StoredKey stored = new StoredKey(Ids.newId(), checkedDomain, checkedSelector, RsaKeys.pem(key),
                Timestamps.now(clock));
        try {
            // Counted again, in turn with the workspace's other creates: several may have passed the first count.
            caps.addWithin(workspaceId, MAX_PER_WORKSPACE, () -> repository.count(workspaceId),
                    () -> repository.insert(workspaceId, stored), DkimKeys::full);
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The domain " + checkedDomain
                    + " has a DKIM key already: delete it first to replace it",
                    List.of(new FieldProblem("domain", "has a DKIM key already")));
        }
        signing.forget(workspaceId);
        return view(stored, key);
    }

    /** The keys given through the API, then those of the configuration that sign for this workspace. */
    List<DkimKey> list(UUID workspaceId) {
        List<DkimKey> keys = new ArrayList<>();
        for (StoredKey stored : repository.all(workspaceId)) {
            keys.add(view(stored, RsaKeys.read(stored.privateKeyPem())));
        }
        for (ConfiguredKeys.ConfiguredKey key : configured.forWorkspace(workspaceId)) {
            keys.add(new DkimKey(null, key.domain(), key.selector(), DkimNames.dnsName(key.selector(), key.domain()),
                    RsaKeys.dnsRecord(key.key()), key.key().getModulus().bitLength(), FROM_CONFIGURATION, null));
        }
        return keys;
    }

    DkimKey get(UUID workspaceId, String id) {
        StoredKey stored = find(workspaceId, id);
        return view(stored, RsaKeys.read(stored.privateKeyPem()));
    }

    void delete(UUID workspaceId, String id) {
        StoredKey stored = find(workspaceId, id);
        repository.delete(workspaceId, stored.id());
        signing.forget(workspaceId);
    }

    private static ApiException full() {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The workspace has " + MAX_PER_WORKSPACE
                + " DKIM keys, the most it may have: delete one first",
                List.of(new FieldProblem("domain", "would be the workspace's DKIM key number "
                        + (MAX_PER_WORKSPACE + 1))));
    }

    private StoredKey find(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(keyId -> repository.find(workspaceId, keyId))
                .orElseThrow(() -> ApiException.notFound("DKIM_KEY", "DKIM key"));
    }

    private static DkimKey view(StoredKey stored, RSAPrivateCrtKey key) {
        return new DkimKey(stored.id(), stored.domain(), stored.selector(),
                DkimNames.dnsName(stored.selector(), stored.domain()), RsaKeys.dnsRecord(key),
                key.getModulus().bitLength(), FROM_API, stored.createdAt());
    }
}
