package io.crier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.crier.delivery.capture.CaptureSmtpServer;
import io.crier.delivery.engine.SendSlots;
import io.crier.delivery.smtp.RelayPool;
import io.crier.delivery.smtp.RelaySettings;
import io.crier.delivery.smtp.SmtpProperties;
import io.crier.shared.Timestamps;

/**
 * The installation's relay pools: the default pool ({@code crier.smtp.host} and
 * {@code crier.smtp.relays}, or the capture server) and every {@code crier.smtp.pools[n]}. Pools
 * come only from configuration, never from a tenant: a relay a tenant could set would let it make
 * Crier open SMTP connections anywhere. When only named pools are configured, the first of them is
 * the default. Other modules read the pools a workspace may use through {@link #usableBy}.
 */
@Component
public class RelayPools {

    /**
     * A pool as a workspace sees it: never its relays. {@code dailyCapacity} is its daily volume and
     * {@code remainingVolume} what is left of it this UTC day, over all workspaces; both null
     * without a daily volume.
     */
    public record PoolSummary(String id, String name, boolean isDefault, Long dailyCapacity, Long remainingVolume) {
    }

    private final SmtpProperties smtp;
    private final ObjectProvider<CaptureSmtpServer> capture;
    private final SendSlots slots;
    private final Clock clock;
    private final Map<String, RelayPool> named = new LinkedHashMap<>();
    private final boolean hasDefaultRelays;

    RelayPools(SmtpProperties smtp, ObjectProvider<CaptureSmtpServer> capture, SendSlots slots, Clock clock) {
        this.smtp = smtp;
        this.capture = capture;
        this.slots = slots;
        this.clock = clock;
        this.hasDefaultRelays = !smtp.configuredRelays().isEmpty() || smtp.pools().isEmpty();
        for (SmtpProperties.Pool pool : smtp.pools()) {
            if ((hasDefaultRelays && pool.name().equals(RelayPool.DEFAULT)) || named.containsKey(pool.name())) {
                throw new IllegalStateException("crier.smtp.pools names '" + pool.name() + "' twice (or names the"
                        + " default pool, made of crier.smtp.host and crier.smtp.relays): pool names must differ");
            }
            named.put(pool.name(), new RelayPool(pool.name(), smtp.relaysOf(pool, pool.name() + "-"), pool.maxRate(),
                    pool.maxPerMinute(), pool.maxConnections(), pool.dailyVolume(),
                    pool.workspaces() == null ? Set.of() : Set.copyOf(pool.workspaces())));
        }
    }

    /**
     * Every pool, the default first. The default pool's relays are read now: the capture server's
     * port is known once it runs (and a node that sends nothing has none).
     */
    public List<RelayPool> all() {
        List<RelayPool> pools = new ArrayList<>();
        if (hasDefaultRelays) {
            CaptureSmtpServer server = capture.getIfAvailable();
            List<RelaySettings> relays = server == null && smtp.configuredRelays().isEmpty() ? List.of()
                    : RelaySettings.of(smtp, server);
            pools.add(new RelayPool(RelayPool.DEFAULT, relays, null, null, null, null,
                    Set.of(RelayPool.EVERY_WORKSPACE)));
        }
        pools.addAll(named.values());
        return pools;
    }

    /** The pools of crier.smtp.pools: the only ones with limits of their own. */
    public List<RelayPool> named() {
        return List.copyOf(named.values());
    }

    /** The pool mail goes through when no routing rule applies. */
    public String defaultPool() {
        return hasDefaultRelays ? RelayPool.DEFAULT : named.keySet().iterator().next();
    }

    /** Whether a workspace may route its mail to the pool of this name. */
    public boolean usable(String name, UUID workspaceId) {
        return name.equals(defaultPool()) || (named.containsKey(name) && named.get(name).usableBy(workspaceId));
    }

    /** The pools a workspace may route its mail to: the default pool and those configured for it. */
    public List<PoolSummary> usableBy(UUID workspaceId) {
        Instant now = Timestamps.now(clock);
        return all().stream().filter(pool -> usable(pool.name(), workspaceId))
                .map(pool -> new PoolSummary(pool.name(), pool.name(), pool.name().equals(defaultPool()),
                        pool.dailyVolume(), pool.dailyVolume() == null ? null : Math.max(0,
                                pool.dailyVolume() - slots.takenToday(SendSlots.ofPool(pool.name()), now))))
                .toList();
    }
}
