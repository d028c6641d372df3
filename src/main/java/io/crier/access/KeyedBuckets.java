package io.crier.access;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per key (a client address, a token), each {@code capacity} at once and refilled
 * at {@code refill} per {@code period}, with the map kept bounded: past {@code maxKeys} keys, those
 * whose bucket is full again are forgotten, and if most still are not (a flood from very many
 * keys), all are, rather than grow. Buckets are per node. Other modules use it for limits of their
 * own (the signup forms').
 */
public final class KeyedBuckets {

    private static final Logger log = LoggerFactory.getLogger(KeyedBuckets.class);

    private final String what;
    private final long capacity;
    private final long refill;
    private final Duration period;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code what} names the keys in the log line of a flood, e.g. "addresses with failed sign-ins". */
    public KeyedBuckets(String what, long capacity, long refill, Duration period, int maxKeys) {
        this.what = what;
        this.capacity = capacity;
        this.refill = refill;
        this.period = period;
        this.maxKeys = maxKeys;
    }

    /** The key's bucket if it has one (it took a token before and was not forgotten), or null. */
    Bucket existing(String key) {
        return buckets.get(key);
    }

    /** The key's bucket, made full if it has none. */
    public Bucket of(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        forgetSomeWhenTooMany();
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
                .build());
    }

    private void forgetSomeWhenTooMany() {
        if (buckets.size() < maxKeys) {
            return;
        }
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
        if (buckets.size() > maxKeys / 2) {
            log.warn("More than {} {}; forgetting them all", maxKeys / 2, what);
            buckets.clear();
        }
    }
}
