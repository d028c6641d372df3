package io.crier.delivery.engine;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code engine} component of readiness: DOWN, naming them, when engine threads have died
 * while the engine runs, so a node that still answers the API but no longer sends is taken out
 * of service instead of looking healthy. UP on a node that runs no engine
 * ({@code crier.delivery.enabled=false}): it has nothing to send.
 */
@Component
class EngineHealthIndicator implements HealthIndicator {

    private final ObjectProvider<DeliveryEngine> engine;

    EngineHealthIndicator(ObjectProvider<DeliveryEngine> engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        DeliveryEngine running = engine.getIfAvailable();
        List<String> dead = running == null ? List.of() : running.deadThreads();
        return dead.isEmpty() ? Health.up().build() : Health.down().withDetail("deadThreads", dead).build();
    }
}
