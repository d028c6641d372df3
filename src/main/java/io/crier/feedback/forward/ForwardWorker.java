package io.crier.feedback.forward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.delivery.ForwardingRelay;
import io.crier.delivery.ForwardingRelay.Outcome;
import io.crier.feedback.forward.ForwardQueue.Due;
import io.crier.shared.BackgroundLoop;
import io.crier.shared.Timestamps;

/**
 * This node's forwarding worker, on a node that sends mail: leases due forwards (by {@code FOR
 * UPDATE SKIP LOCKED} and a lease on the database's clock, so a dead node's forwards go to another
 * once its lease runs out) and passes each on through {@link ForwardingRelay}. A forward the relay
 * refuses (5xx) is parked with its reply at once; one it does not take now (4xx, no connection) is
 * tried again after {@code crier.feedback.forwards.retry-after}, doubled after each try, and parked
 * after {@code max-attempts}. A node that dies after the relay took a forward and before recording
 * it leaves it to be sent again: at least once.
 */
@Component
class ForwardWorker extends BackgroundLoop {

    /** Far longer than sending one batch takes: each send waits at most twice the SMTP timeout. */
    static final Duration LEASE = Duration.ofMinutes(15);
    static final int BATCH = 8;
    private static final Logger log = LoggerFactory.getLogger(ForwardWorker.class);

    private final ForwardQueue queue;
    private final ForwardingRelay relay;
    private final ForwardProperties properties;
    private final Clock clock;
    private final String nodeId = "forward-" + UUID.randomUUID();

    ForwardWorker(ForwardQueue queue, ForwardingRelay relay, ForwardProperties properties, Clock clock) {
        super("crier-reply-forward", properties.pollInterval());
        this.queue = queue;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void step() {
        boolean more = true;
        while (more && isRunning() && relay.sendsHere()) {
            more = workOnce();
        }
    }

    @Override
    protected String roundName() {
        return "Forwarding replies";
    }

    /** Leases a batch of due forwards and sends each; false when none was due. */
    boolean workOnce() {
        List<Due> claimed = queue.claimDue(Timestamps.now(clock), nodeId, LEASE, BATCH);
        claimed.forEach(this::send);
        return !claimed.isEmpty();
    }

    private void send(Due forward) {
        Outcome outcome;
        try {
            outcome = relay.forward(forward.workspaceId(), forward.campaignId(), forward.campaignFrom(),
                    ForwardedMessage.of(forward.raw(), forward.forwardedFor()), forward.recipient());
        } catch (RuntimeException failed) {
            outcome = new Outcome(Outcome.Kind.DEFERRED, failed.toString());
        }
        Instant now = Timestamps.now(clock);
        switch (outcome.kind()) {
            case SENT -> queue.finish(forward.id(), nodeId, ForwardQueue.SENT, outcome.reply(), now);
            case REFUSED -> park(forward, "refused by the relay: " + outcome.reply(), now);
            case DEFERRED -> retryOrPark(forward, outcome.reply(), now);
        }
    }

    private void retryOrPark(Due forward, String reply, Instant now) {
        int tries = forward.attempts() + 1;
        if (tries >= properties.maxAttempts()) {
            park(forward, "gave up after " + tries + " tries: " + reply, now);
        } else {
            log.info("Forward {} to {} not sent, try {} of {}: {}", forward.id(), forward.recipient(), tries,
                    properties.maxAttempts(), reply);
            queue.retryLater(forward.id(), nodeId, reply, now.plus(properties.backoff(tries)), now);
        }
    }

    private void park(Due forward, String reason, Instant now) {
        log.warn("Forward {} of a reply to {} is parked: {}", forward.id(), forward.recipient(), reason);
        queue.finish(forward.id(), nodeId, ForwardQueue.PARKED, reason, now);
    }
}
