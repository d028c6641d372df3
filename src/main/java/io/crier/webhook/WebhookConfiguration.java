package io.crier.webhook;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.LoopRounds;
import io.micrometer.core.instrument.MeterRegistry;

/** Sends webhooks on every node that sends mail: {@code crier.delivery.enabled=false} makes a node that sends neither. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
    WebhookDispatcher webhookDispatcher(OutboxRepository outbox, WebhookTargets targets,
            TransactionTemplate transactions, WebhookProperties properties, MeterRegistry registry, Clock clock) {
        return new WebhookDispatcher(outbox, new WebhookSender(targets, clock), transactions, properties,
                LoopRounds.of(registry, "webhooks"), clock);
    }
}
