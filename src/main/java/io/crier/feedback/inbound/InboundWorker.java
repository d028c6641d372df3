package io.crier.feedback.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.feedback.Feedback;
import io.crier.feedback.FeedbackIntake;
import io.crier.feedback.forward.ReplyForwards;
import io.crier.feedback.inbound.InboundMessages.Outcome;
import io.crier.feedback.inbound.InboundMessages.Queued;
import io.crier.shared.BackgroundLoop;
import io.crier.shared.Timestamps;

/**
 * This node's inbound worker: leases queued messages (each node its own, by {@code FOR UPDATE SKIP
 * LOCKED} and a lease on the database's clock, so a dead node's messages go to another once its
 * lease runs out), parses each and hands what it says to {@link FeedbackIntake}, recording the
 * outcome in the intake's transaction, where a reply that came to a reply address is also queued
 * to be passed on ({@link ReplyForwards}). Mail that says nothing Crier can use is parked with the
 * reason at once (parsing is deterministic: trying again would say the same); a message whose
 * handling fails is tried again later, {@code crier.inbound.max-attempts} times in all, then parked.
 * Once an hour it deletes processed and parked messages older than {@code crier.inbound.retention}.
 */
@Component
class InboundWorker extends BackgroundLoop {

    /** Far longer than parsing and applying one batch takes. */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int BATCH = 16;
    /** Batches per round: a backlog is worked through without waiting, yet the loop comes up for air. */
    static final int BATCHES_PER_ROUND = 64;
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    static final int PRUNE_BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);

    private final InboundMessages messages;
    private final InboundParser parser;
    private final FeedbackIntake intake;
    private final ReplyForwards forwards;
    private final TransactionTemplate transactions;
    private final InboundProperties properties;
    private final Clock clock;
    private final String nodeId = "inbound-" + UUID.randomUUID();
    private Instant nextPrune = Instant.MIN;

    InboundWorker(InboundMessages messages, InboundParser parser, FeedbackIntake intake, ReplyForwards forwards,
            TransactionTemplate transactions, InboundProperties properties, Clock clock) {
        super("crier-inbound", properties.pollInterval());
        this.messages = messages;
        this.parser = parser;
        this.intake = intake;
        this.forwards = forwards;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void step() {
        boolean more = true;
        for (int batch = 0; batch < BATCHES_PER_ROUND && more; batch++) {
            more = workOnce();
        }
        pruneIfDue();
    }

    @Override
    protected String roundName() {
        return "Handling inbound mail";
    }

    /** Leases a batch of due messages and handles each; false when none was due. */
    boolean workOnce() {
        List<Queued> claimed = messages.claimDue(Timestamps.now(clock), nodeId, LEASE, BATCH);
        claimed.forEach(this::handle);
        return !claimed.isEmpty();
    }

    private void handle(Queued message) {
        ParsedMail parsed;
        try {
            parsed = parser.parse(message.raw(), message.envelopeRecipients());
        } catch (RuntimeException unparsable) {
            parsed = new ParsedMail.Unreadable("could not be parsed: " + unparsable);
        }
        switch (parsed) {
            case ParsedMail.Heard heard -> apply(message, heard.feedback());
            case ParsedMail.Ignored ignored -> finish(message,
                    new Outcome(InboundMessages.PROCESSED, ignored.kind(), ignored.reason(), null, null));
            case ParsedMail.Unreadable unreadable -> finish(message,
                    new Outcome(InboundMessages.PARKED, null, unreadable.reason(), null, null));
        }
    }

    private void apply(Queued message, Feedback feedback) {
        String kind = kind(feedback);
        try {
            transactions.executeWithoutResult(status -> {
                Outcome outcome = switch (intake.accept(feedback, message.workspaceId())) {
                    case FeedbackIntake.Applied applied -> {
                        if (feedback instanceof Feedback.Reply reply) {
                            forwards.queue(message.id(), message.raw(), reply, applied.deliveryId());
                        }
                        yield new Outcome(InboundMessages.PROCESSED, kind, null, applied.deliveryId(),
                                applied.workspaceId());
                    }
                    case FeedbackIntake.Unmatched unmatched -> new Outcome(InboundMessages.PARKED, kind,
                            unmatched.reason(), null, null);
                };
                messages.finish(message.id(), nodeId, outcome, Timestamps.now(clock));
            });
        } catch (RuntimeException failed) {
            log.warn("Inbound message {} ({}) could not be applied, try {} of {}: {}", message.id(), kind,
                    message.attempts() + 1, properties.maxAttempts(), failed.toString());
            retryOrPark(message, kind, failed);
        }
    }

    private void retryOrPark(Queued message, String kind, RuntimeException failed) {
        int tries = message.attempts() + 1;
        Instant now = Timestamps.now(clock);
        if (tries >= properties.maxAttempts()) {
            finish(message, new Outcome(InboundMessages.PARKED, kind,
                    "gave up after " + tries + " tries: " + failed, null, null));
        } else {
            transactions.executeWithoutResult(status -> messages.retryLater(message.id(), nodeId, failed.toString(),
                    now.plus(properties.retryAfter().multipliedBy(tries)), now));
        }
    }

    private void finish(Queued message, Outcome outcome) {
        transactions.executeWithoutResult(status ->
                messages.finish(message.id(), nodeId, outcome, Timestamps.now(clock)));
    }

    private static String kind(Feedback feedback) {
        return switch (feedback) {
            case Feedback.Bounce bounce -> "bounce";
            case Feedback.Complaint complaint -> "complaint";
            case Feedback.Reply reply -> "reply";
            case Feedback.Unsubscribe unsubscribe -> "unsubscribe";
        };
    }

    private void pruneIfDue() {
        Instant now = Timestamps.now(clock);
        if (now.isBefore(nextPrune)) {
            return;
        }
        Instant cutoff = now.minus(properties.retention());
        int deleted;
        do {
            deleted = messages.deleteFinishedBefore(cutoff, PRUNE_BATCH);
        } while (deleted == PRUNE_BATCH && isRunning());
        nextPrune = now.plus(PRUNE_EVERY);
    }
}
