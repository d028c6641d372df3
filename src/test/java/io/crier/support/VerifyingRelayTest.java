package io.crier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A running Crier sending through a {@link ScriptedSmtpServer}, with no crier.senders.verify-domains
 * setting, so mail goes out only From domains the workspace verified against the
 * {@link TestDnsServer}; every other context with a relay turns verification off, since its tests
 * send from domains they never verify. Return paths are on: a default bounce domain, a reply domain,
 * and the MX host of each sending domain's own return path. Every class with this annotation shares
 * one context, under a clock that stands still ({@link MutableClock}). Webhooks keep the default
 * here: internal targets are refused (WebhookTargetRefusalApiTest).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        "crier.smtp.host=127.0.0.1",
        "crier.smtp.timeout=2s",
        "crier.delivery.idle-poll=10ms",
        "crier.bounce-domain=" + VerifyingRelayTest.BOUNCE_DOMAIN,
        "crier.inbound.reply-domain=" + VerifyingRelayTest.REPLY_DOMAIN,
        "crier.inbound.mx-host=" + VerifyingRelayTest.MX_HOST})
@Import({TestClockConfiguration.class, ScriptedRelayConfiguration.class, TestDnsConfiguration.class})
public @interface VerifyingRelayTest {

    String BOUNCE_DOMAIN = "bounces.mailer.test";
    String REPLY_DOMAIN = "replies.mailer.test";
    String MX_HOST = "mx.mailer.test";
}
