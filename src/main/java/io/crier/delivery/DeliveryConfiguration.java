package io.crier.delivery;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.dkim.DkimSigning;
import io.crier.suppression.UnsubscribeLinks;

/**
 * Wires the engine. {@code crier.delivery.enabled=false} makes a node that serves the API but
 * sends nothing. The capture server exists only when no relay is configured.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    @Conditional(NoRelayConfigured.class)
    CaptureSmtpServer captureSmtpServer(CaptureProperties properties, DevInbox inbox, MailAttribution attribution,
            Clock clock) {
        return new CaptureSmtpServer(properties, inbox, attribution, clock);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
    DeliveryEngine deliveryEngine(DeliveryProperties properties, SmtpProperties smtp,
            ObjectProvider<CaptureSmtpServer> capture, DeliveryRepository repository, GradualPacer pacer,
            CampaignRuns campaigns, CampaignStarter starter, AudienceSnapshots snapshots, LedgerDurability durability,
            RunningCampaignsCache running,
            CampaignGates gates,
            CompiledCampaigns templates,
            UnsubscribeLinks unsubscribeLinks, DkimSigning dkim, NodeRegistry node, MailAttribution attribution,
            JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events,
            EngineMetrics metrics, TestSends testSends) {
        return new DeliveryEngine(new DeliveryEngine.EngineParts(properties, smtp, capture.getIfAvailable(),
                repository, pacer, campaigns, starter, snapshots, durability, running, gates, templates, unsubscribeLinks, dkim, node, attribution,
                jdbc, transactions, clock, events, metrics, testSends));
    }

    /** True when the settings name no relay: neither crier.smtp.host nor crier.smtp.relays. */
    static class NoRelayConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bindOrCreate("crier.smtp", SmtpProperties.class)
                    .configuredRelays().isEmpty();
        }
    }
}
