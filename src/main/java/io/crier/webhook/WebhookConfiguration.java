package io.crier.webhook;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends webhooks on every node that sends mail: {@code crier.delivery.enabled=false} makes a node that sends neither. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
    WebhookDispatcher webhookDispatcher(OutboxRepository outbox, WebhookTargets targets,
            TransactionTemplate transactions, WebhookProperties properties, Clock clock) {
        return new WebhookDispatcher(outbox, new WebhookSender(targets, clock), transactions, properties, clock);
    }
}
