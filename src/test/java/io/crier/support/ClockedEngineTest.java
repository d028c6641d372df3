package io.crier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A running Crier whose clock stands still until the test moves it ({@link MutableClock}), sending
 * through a {@link ScriptedSmtpServer} (and, for mail a routing rule sends there, two named relay
 * pools: {@link PoolRelaysConfiguration}), with an {@link InboundOutage} to fail the inbound queue;
 * these are beans the test autowires, like the {@link StatementCounter} of its database. The inbound
 * listener runs on loopback and campaigns that track replies get reply addresses on {@link #REPLY_DOMAIN}.
 * The engine looks for work every 10 ms, so it reacts to each
 * step of the clock at once. Every class with this
 * annotation shares one context; tests stay apart by working in workspaces of their own. Webhooks
 * may point at loopback here, where the tests' receivers listen, and mailboxes may be polled there.
 * {@link ClockedEngineCase} is the usual base class of such a test.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}",
        "crier.smtp.host=127.0.0.1",
        // Tests send from domains they never verify; SendingDomainEnforcementTest checks verification.
        "crier.senders.verify-domains=false",
        "crier.smtp.timeout=2s",
        "crier.delivery.idle-poll=10ms",
        "crier.delivery.max-attempts=3",
        "crier.delivery.retry-base=1m",
        "crier.delivery.retry-max=10m",
        "crier.webhooks.allow-private-targets=true",
        // Mailbox tests poll GreenMail on loopback; a failing server answers within this.
        "crier.mailboxes.allow-private-hosts=true",
        "crier.mailboxes.timeout=5s",
        "crier.mailboxes.batch-size=5",
        // A mailbox made or moved by the clock is polled within this, not the default second.
        "crier.mailboxes.idle-poll=20ms",
        // FeedbackOutcomesTest sees a campaign's complaint rate pause it after a few deliveries.
        "crier.feedback.complaint-pause-min-sample=10",
        "crier.webhooks.poll-interval=20ms",
        "crier.inbound.poll-interval=20ms",
        "crier.feedback.forwards.poll-interval=20ms",
        // SES provider webhooks fetch SNS certificates from the tests' loopback topics (LoopbackSnsTopic).
        "crier.feedback.hooks.sns-trusted-origin=http://127[.]0[.]0[.]1:[0-9]+",
        // A mailbox provider's throttle, held across nodes: ProviderThrottleTest mails it.
        "crier.smtp.throttles[0].name=slowmail",
        "crier.smtp.throttles[0].domains=slow.example,slowmail.example",
        "crier.smtp.throttles[0].max-per-minute=6",
        // The actuator on a port of its own, as docs/production.md suggests; @LocalManagementPort finds it.
        "management.server.port=0",
        // The clock of this context runs days ahead: its pruning must not reach other contexts' logs.
        "crier.webhooks.retention=3650d",
        // Replies come back over SMTP on loopback to a reply domain, to be passed on (ReplyForwardRetryTest).
        "crier.inbound.reply-domain=" + ClockedEngineTest.REPLY_DOMAIN,
        "crier.inbound.smtp.port=0",
        "crier.inbound.smtp.bind-address=127.0.0.1"})
@Import({TestClockConfiguration.class, ScriptedRelayConfiguration.class, PoolRelaysConfiguration.class,
        InboundOutage.class, StatementCounting.class})
public @interface ClockedEngineTest {

    String REPLY_DOMAIN = "replies.clocked.test";
}
