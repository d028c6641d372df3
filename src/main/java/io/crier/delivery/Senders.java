package io.crier.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignLaunches;
import io.crier.dkim.DkimSigning;
import io.crier.suppression.UnsubscribeLinks;
import io.github.bucket4j.Bucket;

/**
 * The engine's sending side: the relays (or the capture server when none is configured) and,
 * for each engine start, one {@link SendWorker} per relay connection, all sharing one retry
 * policy and one render-failure guard.
 */
@Component
@ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
class Senders {

    private final SmtpProperties smtp;
    private final CaptureSmtpServer capture;
    private final DeliveryProperties properties;
    private final TestSends testSends;
    private final CampaignGates gates;
    private final CompiledCampaigns templates;
    private final UnsubscribeLinks unsubscribeLinks;
    private final DkimSigning dkim;
    private final MailAttribution attribution;
    private final CampaignLaunches campaigns;
    private final CampaignCounters counters;
    private final EngineMetrics metrics;
    private final Clock clock;

    Senders(SmtpProperties smtp, ObjectProvider<CaptureSmtpServer> capture, DeliveryProperties properties,
            TestSends testSends, CampaignGates gates, CompiledCampaigns templates, UnsubscribeLinks unsubscribeLinks,
            DkimSigning dkim, MailAttribution attribution, CampaignLaunches campaigns, CampaignCounters counters,
            EngineMetrics metrics, Clock clock) {
        this.smtp = smtp;
        this.capture = capture.getIfAvailable();
        this.properties = properties;
        this.testSends = testSends;
        this.gates = gates;
        this.templates = templates;
        this.unsubscribeLinks = unsubscribeLinks;
        this.dkim = dkim;
        this.attribution = attribution;
        this.campaigns = campaigns;
        this.counters = counters;
        this.metrics = metrics;
        this.clock = clock;
    }

    List<RelaySettings> relays() {
        return RelaySettings.of(smtp, capture);
    }

    /** One sender per connection of each relay, taking their work from {@code jobs}. */
    List<SendWorker> workers(List<RelaySettings> relays, BlockingQueue<SendJob> jobs, OutcomeRecorder recorder) {
        RetryPolicy retries = new RetryPolicy(properties);
        RenderFailureGuard renderFailures = new RenderFailureGuard(campaigns, counters);
        List<SendWorker> workers = new ArrayList<>();
        for (RelaySettings relay : relays) {
            var session = SmtpSessions.forRelay(relay, smtp.timeout().toMillis(), smtp.heloName());
            Bucket rate = relay.rateLimit();
            EngineMetrics.RelayMeters meters = metrics.relay(relay.name());
            for (int i = 0; i < relay.maxConnections(); i++) {
                workers.add(new SendWorker(jobs, testSends, new SmtpConnection(session, relay), rate, gates,
                        templates, unsubscribeLinks, dkim, recorder, renderFailures, meters, retries, attribution,
                        capture != null, clock));
            }
        }
        return workers;
    }
}
