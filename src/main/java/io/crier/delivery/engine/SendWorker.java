package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.crier.content.MessageTemplate;
import io.crier.delivery.DeliveryStatus;
import io.crier.delivery.fence.CampaignGate;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.smtp.SendOutcome;
import io.crier.delivery.smtp.SmtpConnection;
import io.crier.shared.Timestamps;
import io.github.bucket4j.Bucket;

/**
 * One sender: one reused SMTP connection, taking claimed deliveries from its relay pool's queue,
 * rendering and sending each, and handing the outcome to the recorder; for a pool with
 * {@code max-connections}, only while it holds a {@link ConnectionLease}. Before each, it sends
 * what its pool's {@link OneOffSends} hold (test messages, forwarded replies).
 */
final class SendWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SendWorker.class);
    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<SendJob> jobs;
    private final OneOffSends oneOffs;
    private final String pool;
    private final SmtpConnection connection;
    private final ConnectionLease lease;
    private final Bucket relayRate;
    private final CampaignGates gates;
    private final OutgoingMessages messages;
    private final OutcomeRecorder recorder;
    private final RenderFailureGuard renderFailures;
    private final EngineMetrics.RelayMeters meters;
    private final RetryPolicy retries;
    private final Clock clock;
    private volatile boolean running = true;

    SendWorker(BlockingQueue<SendJob> jobs, OneOffSends oneOffs, String pool, SmtpConnection connection,
            ConnectionLease lease,
            Bucket relayRate, CampaignGates gates, OutgoingMessages messages, OutcomeRecorder recorder,
            RenderFailureGuard renderFailures, EngineMetrics.RelayMeters meters, RetryPolicy retries, Clock clock) {
        this.jobs = jobs;
        this.oneOffs = oneOffs;
        this.pool = pool;
        this.connection = connection;
        this.lease = lease;
        this.relayRate = relayRate;
        this.gates = gates;
        this.messages = messages;
        this.recorder = recorder;
        this.renderFailures = renderFailures;
        this.meters = meters;
        this.retries = retries;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (!lease.hold(!jobs.isEmpty() || oneOffs.hasWaiting(pool))) {
                    // Every connection of the pool is in use (here or on other nodes), or there is no work.
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                OneOffSends.OneOff oneOff = oneOffs.next(pool);
                if (oneOff != null) {
                    sendOneOff(oneOff);
                    lease.used();
                    continue;
                }
                SendJob job = jobs.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (job != null) {
                    process(job);
                    lease.used();
                }
                lease.releaseIfIdleOrFenced();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lease.close();
        }
    }

    void stop() {
        running = false;
    }

    private void process(SendJob job) throws InterruptedException {
        ClaimedDelivery delivery = job.delivery();
        CampaignGate gate = gates.forSending(delivery.campaignId());
        if (!gate.isOpen()) {
            recorder.release(delivery.id());
            return;
        }
        if (delivery.contactDeleted()) {
            recorder.record(result(job, DeliveryStatus.CANCELLED, "contact deleted before sending", null));
            return;
        }
        if (relayRate != null) {
            relayRate.asBlocking().consume(1);
        }
        SendOutcome outcome;
        boolean triedRelay = true;
        try {
            outcome = send(job, gate);
        } catch (RuntimeException | Error e) {
            triedRelay = false;
            // An Error too (out of memory in a render, say): this delivery is deferred and the sender goes on.
            logFailure(job, e);
            Optional<String> renderFailure = MessageTemplate.renderFailure(e);
            renderFailure.ifPresent(problem -> renderFailures.failed(job.campaign(), problem));
            // Never the exception's message: a template's names its whole source.
            outcome = new SendOutcome(SendOutcome.Kind.DEFERRED, "internal error: "
                    + renderFailure.orElse(e.getClass().getSimpleName()), null);
        }
        recordOutcome(job, outcome, triedRelay);
    }

    /** A message outside the ledger: no campaign, no gate, but the relay's rate limit as any other. */
    private void sendOneOff(OneOffSends.OneOff oneOff) throws InterruptedException {
        if (relayRate != null) {
            relayRate.asBlocking().consume(1);
        }
        if (oneOff.outcome().isDone()) {
            return; // Its caller stopped waiting while the rate limit held it back; it was told "not sent".
        }
        try {
            oneOff.outcome().complete(connection.send(oneOff.message(), oneOff.from(), oneOff.to(), null));
        } catch (RuntimeException e) {
            oneOff.outcome().completeExceptionally(e);
        }
    }

    /** A template's error names the campaign step, not the template: logs keep no message sources. */
    private static void logFailure(SendJob job, Throwable e) {
        MessageTemplate.renderFailure(e).ifPresentOrElse(
                problem -> log.error("Could not render delivery {}: the template of campaign {}, step {}: {}",
                        job.delivery().id(), job.campaign().id(), job.delivery().step(), problem),
                () -> log.error("Could not render or send delivery {}", job.delivery().id(), e));
    }

    private SendOutcome send(SendJob job, CampaignGate gate) {
        OutgoingMessages.Outgoing outgoing = messages.of(job.delivery(), job.campaign());
        renderFailures.rendered(job.campaign());
        return connection.send(outgoing.message(), outgoing.envelopeFrom(), job.delivery().email(), gate);
    }

    /**
     * Records what the attempt made of the delivery. The relay's counters count only attempts that
     * reached it (or tried to): a message that could not be rendered never did.
     */
    private void recordOutcome(SendJob job, SendOutcome outcome, boolean triedRelay) {
        Instant now = Timestamps.now(clock);
        DeliveryResult result = switch (outcome.kind()) {
            case NOT_STARTED -> null;
            case SENT -> result(job, DeliveryStatus.SENT, outcome.reply(), null);
            case BOUNCED -> result(job, DeliveryStatus.BOUNCED, outcome.reply(), null);
            case DEFERRED -> {
                int attemptsMade = job.delivery().attempts() + 1;
                yield retries.retries(attemptsMade)
                        ? result(job, DeliveryStatus.DEFERRED, outcome.reply(), retries.nextAttempt(attemptsMade, now))
                        : result(job, DeliveryStatus.FAILED, outcome.reply(), null);
            }
        };
        if (result == null) {
            recorder.release(job.delivery().id());
            return;
        }
        if (triedRelay && messages.counted(job.campaign())) {
            meters.attempted(outcome, result.status());
        }
        recorder.record(result);
    }

    private static DeliveryResult result(SendJob job, DeliveryStatus status, String reply, Instant retryAt) {
        ClaimedDelivery delivery = job.delivery();
        return new DeliveryResult(delivery.id(), delivery.campaignId(), delivery.workspaceId(), delivery.email(), status,
                reply, retryAt, delivery.step(), job.campaign().hasStepAfter(delivery.step()));
    }
}
