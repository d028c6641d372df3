package io.crier.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param eventsPerDelivery opens and clicks of one delivery recorded per {@code eventWindow}; more
 *                          are answered (the pixel, the redirect) but neither kept, counted nor sent
 *                          as webhooks, so replaying a link cannot inflate figures or flood webhooks
 * @param eventWindow       the window of that count
 * @param retention         how long opens and clicks are kept one by one (activity, per-link figures);
 *                          the campaign's counters keep them after
 */
@ConfigurationProperties("crier.tracking")
record TrackingLimits(
        @DefaultValue("10") int eventsPerDelivery,
        @DefaultValue("1h") Duration eventWindow,
        @DefaultValue("365d") Duration retention) {
}
