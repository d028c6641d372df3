package io.crier.webhook;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbox backlog as a metric ({@code crier_webhooks_outbox_pending}), counted on the
 * {@code webhook_delivery_due} index when scraped. The outbox is shared, so every node reports the
 * same figure.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private final OutboxRepository outbox;

    OutboxMetrics(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("crier.webhooks.outbox.pending", outbox::countPending)
                .description("Webhook deliveries still to be made, due now or waiting for a retry")
                .register(registry);
    }
}
