package io.crier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The application context of the API tests ({@link CrierApiTest}), without its {@code db} tag: a
 * test class that must run on H2 only (such as the dashboard's browser test) shares that context
 * through this annotation instead of starting one of its own. DNS lookups go to a
 * {@link TestDnsServer}; {@link ConfiguredDkimKeyConfiguration} adds a configured DKIM key; webhooks
 * may point at loopback.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        // Webhooks may point at loopback, where tests' receivers listen (InboundEndToEndTest);
        // WebhookTargetRefusalApiTest shows the default refusing them.
        "crier.webhooks.allow-private-targets=true",
        // Tests wait for mail, inbound messages, forwards and webhooks to move: the loops look
        // often, not every second (the defaults), so each step takes a fraction of a second.
        "crier.delivery.idle-poll=50ms",
        "crier.inbound.poll-interval=50ms",
        "crier.feedback.forwards.poll-interval=50ms",
        "crier.webhooks.poll-interval=50ms"})
@Import({TestDnsConfiguration.class, ConfiguredDkimKeyConfiguration.class})
public @interface CrierApiContext {
}
