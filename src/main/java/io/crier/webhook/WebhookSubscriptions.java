package io.crier.webhook;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Each workspace's webhooks, cached, because the engine asks on every outcome flush and nearly
 * always hears "none". A change on this node is seen at once; one made on another node within
 * {@link #FRESH_FOR_NANOS}. Timed on {@link System#nanoTime()}, not on the application clock, which
 * a test may hold still.
 */
@Component
class WebhookSubscriptions {

    static final long FRESH_FOR_NANOS = 2_000_000_000L;

    private record Cached(List<Subscription> subscriptions, long loadedAt) {
    }

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final WebhookRepository repository;

    WebhookSubscriptions(WebhookRepository repository) {
        this.repository = repository;
    }

    List<Subscription> of(UUID workspaceId) {
        long now = System.nanoTime();
        Cached cached = cache.get(workspaceId);
        if (cached == null || now - cached.loadedAt() > FRESH_FOR_NANOS) {
            cached = new Cached(repository.subscriptions(workspaceId), now);
            cache.put(workspaceId, cached);
        }
        return cached.subscriptions();
    }

    void forget(UUID workspaceId) {
        cache.remove(workspaceId);
    }
}
