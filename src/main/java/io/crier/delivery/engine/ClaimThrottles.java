package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.delivery.RelayPools;
import io.crier.delivery.smtp.PoolRouting;
import io.crier.delivery.smtp.RelayPool;
import io.crier.delivery.smtp.SmtpProperties;
import io.crier.shared.Timestamps;

/**
 * The limits a claim must fit in, held across all nodes through {@link SendSlots}: each relay
 * pool's rate, per-minute and daily limits, and each mailbox provider's throttle
 * ({@code crier.smtp.throttles}: so many a minute to gmail.com and googlemail.com, say). Of the
 * rows a claim locked, it keeps those with a slot; a row whose provider has none left now is put
 * off until that provider's next slot, so the claims after it take other recipients instead of
 * locking it again. A pool without limits, when no throttle is configured, costs no SQL.
 */
@Component
class ClaimThrottles implements SmartInitializingSingleton {

    private final SendSlots slots;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, SendSlots.Limit> limits = new HashMap<>();
    private final Map<String, String> providerByDomain = new HashMap<>();

    ClaimThrottles(SmtpProperties smtp, RelayPools pools, SendSlots slots, JdbcClient jdbc, Clock clock) {
        this.slots = slots;
        this.jdbc = jdbc;
        this.clock = clock;
        for (RelayPool pool : pools.named()) {
            limitOf(pool).ifPresent(limit -> limits.put(SendSlots.ofPool(pool.name()), limit));
        }
        for (SmtpProperties.Throttle throttle : smtp.throttles()) {
            throttle.domains().forEach(domain -> providerByDomain.put(domain.strip().toLowerCase(Locale.ROOT),
                    SendSlots.ofProvider(throttle.name())));
            limits.put(SendSlots.ofProvider(throttle.name()),
                    new SendSlots.Limit(Duration.ofMinutes(1).dividedBy(throttle.maxPerMinute()), null));
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        slots.ensure(limits.keySet(), Timestamps.now(clock));
    }

    /** Whether {@link #admit} may hold back rows of {@code pool}: false when it has no limit and no throttle is configured. */
    boolean limits(String pool) {
        return limits.containsKey(SendSlots.ofPool(pool)) || !providerByDomain.isEmpty();
    }

    /**
     * Of these locked rows of a campaign routed to {@code pool}, the ids that may be claimed now;
     * runs in the claim's transaction, after the rows were locked.
     */
    List<Long> admit(String pool, List<Long> ids, Instant now) {
        String poolSlot = limits.containsKey(SendSlots.ofPool(pool)) ? SendSlots.ofPool(pool) : null;
        if (ids.isEmpty() || (poolSlot == null && providerByDomain.isEmpty())) {
            return ids;
        }
        Map<Long, String> providers = providerByDomain.isEmpty() ? Map.of() : providersOf(ids);
        TreeSet<String> names = new TreeSet<>(providers.values());
        if (poolSlot != null) {
            names.add(poolSlot);
        }
        if (names.isEmpty()) {
            return ids;
        }
        Map<String, SendSlots.Slot> locked = slots.lock(names);
        Map<String, Integer> due = new HashMap<>();
        locked.forEach((name, slot) -> due.put(name, limits.get(name).take(slot, ids.size(), now).count()));
        Map<String, Integer> used = new HashMap<>();
        Map<String, List<Long>> heldBack = new HashMap<>();
        List<Long> admitted = new ArrayList<>();
        for (long id : ids) {
            String provider = providers.get(id);
            if (provider != null && used.getOrDefault(provider, 0) >= due.getOrDefault(provider, 0)) {
                heldBack.computeIfAbsent(provider, p -> new ArrayList<>()).add(id);
            } else if (poolSlot == null || admitted.size() < due.getOrDefault(poolSlot, 0)) {
                admitted.add(id);
                if (provider != null) {
                    used.merge(provider, 1, Integer::sum);
                }
            }
        }
        if (poolSlot != null) {
            used.put(poolSlot, admitted.size());
        }
        // Each row gives only the slots used; the others stay for the next claim.
        locked.forEach((name, slot) -> {
            SendSlots.Slot after = limits.get(name).take(slot, used.getOrDefault(name, 0), now).after();
            slots.save(after);
            if (heldBack.containsKey(name)) {
                putOff(heldBack.get(name), after.nextSlotAt());
            }
        });
        return admitted;
    }

    /** The pool's limits as slots: the tightest of its rate and per-minute limit, and its daily volume. */
    private static Optional<SendSlots.Limit> limitOf(RelayPool pool) {
        long gap = 0;
        if (pool.maxRate() != null) {
            gap = Math.max(gap, Math.round(1e9 / pool.maxRate()));
        }
        if (pool.maxPerMinute() != null) {
            gap = Math.max(gap, Duration.ofMinutes(1).toNanos() / pool.maxPerMinute());
        }
        if (gap == 0 && pool.dailyVolume() == null) {
            return Optional.empty();
        }
        return Optional.of(new SendSlots.Limit(Duration.ofNanos(gap), pool.dailyVolume()));
    }

    private Map<Long, String> providersOf(List<Long> ids) {
        Map<Long, String> providers = new HashMap<>();
        jdbc.sql("select id, email from delivery where id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    String provider = providerByDomain.get(PoolRouting.domainOf(rs.getString("email")));
                    if (provider != null) {
                        providers.put(rs.getLong("id"), provider);
                    }
                });
        return providers;
    }

    private void putOff(List<Long> ids, Instant until) {
        jdbc.sql("update delivery set not_before = :until where id in (:ids)")
                .param("until", Timestamps.toDb(until))
                .param("ids", ids)
                .update();
    }
}
