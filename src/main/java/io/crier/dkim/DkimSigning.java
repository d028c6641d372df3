package io.crier.dkim;

import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import io.crier.dkim.DkimKeyRepository.StoredKey;

/**
 * Signs finished messages with the workspace's key for the From address's domain, if it has one.
 * The signer of each (workspace, domain), or the fact that there is none, is built once and kept
 * for {@code crier.dkim.refresh}, so the per-message cost is a map lookup and the signature itself.
 * At most {@value #MAX_CACHED} are kept, the least used going first: From domains are the
 * senders' choice, and each kept signer holds a private key.
 */
@Service
public class DkimSigning {

    /** The From address's domain as the message has it, lower-cased: normalised only when read. */
    private record Domain(UUID workspaceId, String domain) {
    }

    /** The signer to use (null: send unsigned) and, for an API key, which row it came from. */
    private record Cached(DkimSigner signer, UUID storedKeyId, long readAtNanos) {
    }

    /** Signers (or their absence) kept by (workspace, From domain). */
    static final int MAX_CACHED = 10_000;
    /** The cache's name in the {@code cache.*} metrics. */
    static final String CACHE_NAME = "dkim-signers";

    private final DkimKeyRepository repository;
    private final ConfiguredKeys configured;
    private final long refreshNanos;
    /** Kept as the cache itself: the metrics hold it only weakly. */
    private final Cache<Domain, Cached> signers;

    DkimSigning(DkimKeyRepository repository, ConfiguredKeys configured, DkimProperties properties,
            MeterRegistry meters) {
        this.repository = repository;
        this.configured = configured;
        this.refreshNanos = properties.refresh().toNanos();
        this.signers = Caffeine.newBuilder().maximumSize(MAX_CACHED).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, signers, CACHE_NAME);
    }

    /**
     * The message with a DKIM-Signature field in front when the workspace has a key for
     * {@code fromEmail}'s domain; the message itself otherwise. {@code message} has CRLF line ends.
     */
    public byte[] sign(UUID workspaceId, String fromEmail, byte[] message) {
        int at = fromEmail == null ? -1 : fromEmail.lastIndexOf('@');
        if (at < 0) {
            return message;
        }
        DkimSigner signer = signer(new Domain(workspaceId, fromEmail.substring(at + 1).toLowerCase(Locale.ROOT)));
        return signer == null ? message : signer.sign(message);
    }

    /** Drops what this node knows of the workspace's keys, after a change through the API. */
    void forget(UUID workspaceId) {
        signers.asMap().keySet().removeIf(domain -> domain.workspaceId().equals(workspaceId));
    }

    private DkimSigner signer(Domain domain) {
        long now = System.nanoTime();
        Cached cached = signers.getIfPresent(domain);
        if (cached == null || now - cached.readAtNanos() > refreshNanos) {
            cached = signers.asMap().compute(domain, (key, old) ->
                    old != null && now - old.readAtNanos() <= refreshNanos ? old : read(key, old, now));
        }
        return cached.signer();
    }

    /** A key given through the API wins over the configuration's; an unchanged one is not parsed again. */
    private Cached read(Domain domain, Cached old, long now) {
        String name = DkimNames.normalize(domain.domain()).orElse(null);
        if (name == null) {
            return new Cached(null, null, now);
        }
        StoredKey stored = repository.forDomain(domain.workspaceId(), name).orElse(null);
        if (stored != null) {
            DkimSigner signer = old != null && stored.id().equals(old.storedKeyId()) ? old.signer()
                    : new DkimSigner(stored.domain(), stored.selector(), RsaKeys.read(stored.privateKeyPem()));
            return new Cached(signer, stored.id(), now);
        }
        ConfiguredKeys.ConfiguredKey key = configured.forDomain(domain.workspaceId(), name);
        return new Cached(key == null ? null : key.signer(), null, now);
    }
}
