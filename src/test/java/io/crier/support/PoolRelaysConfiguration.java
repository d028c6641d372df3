package io.crier.support;

import java.io.IOException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Two named relay pools beside the default relay, each with a {@link ScriptedSmtpServer} of its
 * own: {@code bulk} and {@code priority}, open to every workspace, and {@code reserved} (the
 * priority relay again), open to one workspace that does not exist, so no test's workspace may
 * route to it, {@code metered} (the bulk relay again) with limits: 6 a minute, 3 a day, and
 * {@code observed}, whose relay only {@code PrometheusMetricsTest} routes to, so that the relay's
 * counters count its campaign alone whatever the clock wakes elsewhere. Mail reaches them only
 * through routing rules; tests autowire {@link PoolRelays}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PoolRelaysConfiguration {

    /** The relays of the named pools. */
    public record PoolRelays(ScriptedSmtpServer bulk, ScriptedSmtpServer priority, ScriptedSmtpServer observed)
            implements AutoCloseable {

        @Override
        public void close() throws IOException {
            bulk.close();
            priority.close();
            observed.close();
        }
    }

    @Bean(destroyMethod = "close")
    PoolRelays poolRelays() throws IOException {
        return new PoolRelays(new ScriptedSmtpServer(), new ScriptedSmtpServer(), new ScriptedSmtpServer());
    }

    @Bean
    DynamicPropertyRegistrar poolRelayPorts(PoolRelays relays) {
        return registry -> {
            pool(registry, 0, "bulk", relays.bulk().port(), "*");
            pool(registry, 1, "priority", relays.priority().port(), "*");
            pool(registry, 2, "reserved", relays.priority().port(), "00000000-0000-0000-0000-000000000000");
            pool(registry, 3, "metered", relays.bulk().port(), "*");
            registry.add("crier.smtp.pools[3].max-per-minute", () -> 6);
            registry.add("crier.smtp.pools[3].daily-volume", () -> 3);
            pool(registry, 4, "observed", relays.observed().port(), "*");
        };
    }

    private static void pool(DynamicPropertyRegistry registry, int index,
            String name, int port, String workspaces) {
        String prefix = "crier.smtp.pools[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "relays[0].host", () -> "127.0.0.1");
        registry.add(prefix + "relays[0].port", () -> port);
        registry.add(prefix + "relays[0].max-connections", () -> 1);
        registry.add(prefix + "workspaces", () -> workspaces);
    }
}
