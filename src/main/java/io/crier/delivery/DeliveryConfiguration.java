package io.crier.delivery;

import java.time.Clock;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.crier.delivery.capture.CaptureProperties;
import io.crier.delivery.capture.CaptureSmtpServer;
import io.crier.delivery.capture.DevInbox;
import io.crier.delivery.capture.MailAttribution;
import io.crier.delivery.smtp.SmtpProperties;

/**
 * The capture server, which exists only when no relay is configured. The engine and its
 * collaborators are components of their own
 * ({@link io.crier.delivery.engine.DeliveryEngine}); with {@code crier.delivery.enabled=false} none
 * of them exists, and the node serves the API but sends nothing.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    @Conditional(NoRelayConfigured.class)
    CaptureSmtpServer captureSmtpServer(CaptureProperties properties, DevInbox inbox, MailAttribution attribution,
            Clock clock, ApplicationEventPublisher events) {
        return new CaptureSmtpServer(properties, inbox, attribution, clock, events);
    }

    /** True when the settings name no relay: neither crier.smtp.host, crier.smtp.relays nor any pool's. */
    static class NoRelayConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bindOrCreate("crier.smtp", SmtpProperties.class)
                    .allRelays().isEmpty();
        }
    }
}
