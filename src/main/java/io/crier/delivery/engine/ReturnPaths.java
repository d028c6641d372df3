package io.crier.delivery.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.crier.delivery.FeedbackDomains;
import io.crier.sender.SenderDirectory;

/**
 * The domain of a message's return path (its envelope sender, VERP): the From domain's own
 * {@code bounces.<domain>} where the workspace's sending domain publishes it, else the
 * installation's bounce domain, else none (the From address stays the envelope sender). The
 * answer for each (workspace, From domain) is kept for {@link #KEPT}, so a sender asks the
 * database once a minute at most, and a domain whose return-path record was just found takes
 * that long to be used.
 */
@Component
class ReturnPaths {

    static final Duration KEPT = Duration.ofMinutes(1);
    /** From domains are the senders' choice: the cache is bounded as the DKIM signers' is. */
    private static final int MAX_CACHED = 10_000;

    private record Key(UUID workspaceId, String domain) {
    }

    private final SenderDirectory senders;
    private final FeedbackDomains feedback;
    private final Cache<Key, Optional<String>> domains = Caffeine.newBuilder().maximumSize(MAX_CACHED)
            .expireAfterWrite(KEPT).build();

    ReturnPaths(SenderDirectory senders, FeedbackDomains feedback) {
        this.senders = senders;
        this.feedback = feedback;
    }

    /** The return-path domain of mail From {@code fromDomain} in this workspace, if it has one. */
    Optional<String> domainFor(UUID workspaceId, String fromDomain) {
        return domains.get(new Key(workspaceId, fromDomain.toLowerCase(Locale.ROOT)),
                key -> senders.returnPathDomain(key.workspaceId(), key.domain()).or(feedback::bounceDomain));
    }
}
