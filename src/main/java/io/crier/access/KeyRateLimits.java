package io.crier.access;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at
 * {@code requests-per-second}. Every API call takes a token ({@link RateLimitFilter}), and so does
 * work done for a key outside the API's chains, such as each tick of a dashboard's live stream, so
 * a key's whole load on the node has one limit. Buckets are per node.
 */
@Component
public class KeyRateLimits {

    @ConfigurationProperties("crier.rate-limit")
    record Settings(@DefaultValue("100") long requestsPerSecond, @DefaultValue("200") long burst) {
    }

    private final Settings settings;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    KeyRateLimits(Settings settings) {
        this.settings = settings;
    }

    /** Takes one token of the key's bucket if there is one: false when the key has none left. */
    public boolean tryTake(UUID keyId) {
        return bucket(keyId).tryConsume(1);
    }

    ConsumptionProbe take(UUID keyId) {
        return bucket(keyId).tryConsumeAndReturnRemaining(1);
    }

    Settings settings() {
        return settings;
    }

    private Bucket bucket(UUID keyId) {
        return buckets.computeIfAbsent(keyId, key -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.burst())
                        .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build());
    }
}
