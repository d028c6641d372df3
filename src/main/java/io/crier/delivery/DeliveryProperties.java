package io.crier.delivery;

import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.crier.delivery.smtp.SmtpProperties;

/**
 * How the engine paces itself and tolerates failure.
 *
 * @param nodeId             this process's name among the nodes sharing the database; empty: host-pid
 * @param leaseDuration      how long the claims of a node that stopped heartbeating stay its own; renewed
 *                           by heartbeats once less than {@link #renewLeasesBelow()} is left; long
 *                           enough for the longest SMTP transaction ({@link #leaseShortfall})
 * @param heartbeatInterval  how often a node says it is alive
 * @param nodeTimeout        a node silent this long is dead: pauses stop waiting for it
 * @param selfFenceAfter     a node that could not heartbeat this long stops sending by itself
 *                           (shorter than nodeTimeout, so a node taken for dead is already fenced)
 * @param controlPoll        how often a node looks for pauses, resumes and aborts
 * @param idlePoll           how often a node looks for due work when it has none
 * @param housekeepingPeriod how often a node starts the scheduled campaigns whose time has come and returns
 *                           expired claims to the queue
 * @param maxAttempts        attempts before a temporarily failing delivery is failed
 * @param retryBase          backoff after the first temporary failure; doubles each time, with jitter
 * @param retryMax           the longest backoff
 * @param fenceTimeout       how long a pause or abort call waits for every live node to stop sending the
 *                           campaign before it answers that this is not confirmed; empty: twice nodeTimeout,
 *                           so a node that died just before is waited out
 * @param snapshotWorkers    threads per node that queue started audiences, side by side (each holds a
 *                           database connection while it queues a chunk); empty: what suits the database
 *                           in use (one on the embedded H2, two on PostgreSQL)
 */
@ConfigurationProperties("crier.delivery")
public record DeliveryProperties(
        String nodeId,
        @DefaultValue("6m") Duration leaseDuration,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("10s") Duration nodeTimeout,
        @DefaultValue("6s") Duration selfFenceAfter,
        @DefaultValue("20ms") Duration controlPoll,
        @DefaultValue("200ms") Duration idlePoll,
        @DefaultValue("1s") Duration housekeepingPeriod,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("60s") Duration retryBase,
        @DefaultValue("1h") Duration retryMax,
        Duration fenceTimeout,
        Integer snapshotWorkers) {

    /**
     * Replies or writes an SMTP transaction may wait for after MAIL FROM, each up to crier.smtp.timeout:
     * MAIL FROM's own reply, RCPT TO's, DATA's, the message's data, and the reply that accepts it.
     */
    static final int WAITS_PER_TRANSACTION = 5;

    /** The orders the pause fence and crash recovery rely on; a node refuses to start without them. */
    public DeliveryProperties {
        if (heartbeatInterval.compareTo(selfFenceAfter) >= 0) {
            throw new IllegalArgumentException("crier.delivery.heartbeat-interval (" + heartbeatInterval
                    + ") must be shorter than crier.delivery.self-fence-after (" + selfFenceAfter + ")");
        }
        if (selfFenceAfter.plus(controlPoll).compareTo(nodeTimeout) >= 0) {
            throw new IllegalArgumentException("crier.delivery.self-fence-after (" + selfFenceAfter
                    + ") plus control-poll must be shorter than crier.delivery.node-timeout (" + nodeTimeout
                    + "): a node taken for dead must already have stopped sending");
        }
        if (selfFenceAfter.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("crier.delivery.lease-duration (" + leaseDuration
                    + ") must be longer than crier.delivery.self-fence-after (" + selfFenceAfter
                    + "): a cut-off node's claims go to others only once it has stopped sending");
        }
        if (heartbeatInterval.multipliedBy(2).compareTo(leaseDuration.minus(selfFenceAfter)) >= 0) {
            throw new IllegalArgumentException("crier.delivery.heartbeat-interval (" + heartbeatInterval
                    + ") must be shorter than half of crier.delivery.lease-duration minus self-fence-after ("
                    + leaseDuration.minus(selfFenceAfter).dividedBy(2) + "): a lease is renewed by a heartbeat"
                    + " once less than the middle of self-fence-after and lease-duration is left");
        }
        if (fenceTimeout == null) {
            fenceTimeout = nodeTimeout.multipliedBy(2);
        } else if (!fenceTimeout.isPositive()) {
            throw new IllegalArgumentException("crier.delivery.fence-timeout (" + fenceTimeout + ") must be positive");
        }
        if (snapshotWorkers != null && snapshotWorkers < 1) {
            throw new IllegalArgumentException("crier.delivery.snapshot-workers (" + snapshotWorkers + ") must be at least 1");
        }
    }

    /**
     * Why the lease is too short for SMTP transactions of up to {@code smtpTimeout} per wait, or
     * empty when it is long enough. A node cut off from the database had renewed its claims at its
     * last heartbeat but one, so each has at least {@link #renewLeasesBelow()} minus a heartbeat
     * interval left; the node may begin a transaction until self-fence-after has passed, and that
     * transaction must end before the claim can go to another node, or the recipient is mailed twice.
     */
    public Optional<String> leaseShortfall(Duration smtpTimeout) {
        // Each wait is cut at the first check of the SMTP timer after its timeout.
        Duration longestTransaction = smtpTimeout.plus(SmtpProperties.TIMEOUTS_CHECKED_EVERY)
                .multipliedBy(WAITS_PER_TRANSACTION);
        Duration covered = renewLeasesBelow().minus(heartbeatInterval).minus(selfFenceAfter);
        if (covered.compareTo(longestTransaction) > 0) {
            return Optional.empty();
        }
        Duration needed = longestTransaction.plus(heartbeatInterval).multipliedBy(2).plus(selfFenceAfter);
        return Optional.of("crier.delivery.lease-duration (" + leaseDuration + ") is too short for crier.smtp.timeout ("
                + smtpTimeout + "): a node cut off from the database may still be in an SMTP transaction (up to "
                + WAITS_PER_TRANSACTION + " x the timeout and a second) when its claims go to another node, which mails those"
                + " recipients again. With crier.delivery.self-fence-after (" + selfFenceAfter
                + ") and crier.delivery.heartbeat-interval (" + heartbeatInterval
                + ") as they are, keep lease-duration above " + needed);
    }

    /**
     * A heartbeat renews the claims with less than this left: halfway between the self-fence and
     * the full lease. Claims left longer stay untouched (most are finished long before), and one
     * that reaches it is renewed by the next heartbeat while more than {@code selfFenceAfter} is left,
     * so a node cut off from the database stops sending before any of its claims can expire.
     */
    public Duration renewLeasesBelow() {
        return selfFenceAfter.plus(leaseDuration).dividedBy(2);
    }
}
