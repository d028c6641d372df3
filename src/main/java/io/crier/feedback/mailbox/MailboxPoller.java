package io.crier.feedback.mailbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.BackgroundLoop;
import io.crier.shared.Timestamps;

/**
 * Polls every mailbox when it is due, on whichever node leases it first (so two nodes never fetch
 * one mailbox at once), a batch at a time. The clock decides what is due (a test moves it). A
 * mailbox whose server fails (login refused, unreachable) keeps the error for the API to show and
 * waits twice as long after each failure in a row, up to {@code crier.mailboxes.max-backoff}.
 */
@Component
class MailboxPoller extends BackgroundLoop {

    /** Polls one round makes at most, so a round ends even while every mailbox has a backlog. */
    private static final int POLLS_PER_ROUND = 100;
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxRepository repository;
    private final MailStores stores;
    private final MailboxDrain drain;
    private final MailboxProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MailboxPoller(MailboxRepository repository, MailStores stores, MailboxDrain drain, MailboxProperties properties,
            TransactionTemplate transactions, Clock clock) {
        super("crier-mailbox-poller", properties.idlePoll());
        this.repository = repository;
        this.stores = stores;
        this.drain = drain;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    protected void step() {
        pollDue();
    }

    @Override
    protected String roundName() {
        return "Polling mailboxes";
    }

    /** Polls the mailboxes due now, one lease at a time; how many polls it made. */
    int pollDue() {
        int polls = 0;
        while (polls < POLLS_PER_ROUND && pollOne()) {
            polls++;
        }
        return polls;
    }

    private boolean pollOne() {
        Instant now = Timestamps.now(clock);
        Optional<MailboxRepository.Claimed> claimed = transactions.execute(
                status -> repository.claimDue(now, now.plus(properties.lease())));
        if (claimed.isEmpty()) {
            return false;
        }
        MailboxRepository.Stored mailbox = claimed.get().mailbox();
        int taken = 0;
        String error = null;
        try {
            taken = poll(mailbox);
        } catch (MailStores.Failed | MessagingException | RuntimeException e) {
            error = e instanceof MailStores.Failed ? e.getMessage() : MailStores.reason(e);
            log.warn("Polling mailbox {} of workspace {} failed: {}", mailbox.settings(), mailbox.workspaceId(),
                    error);
        }
        Instant after = Timestamps.now(clock);
        repository.release(claimed.get(), after, after.plus(wait(error, taken, mailbox.view())),
                error == null ? null : truncated(error), taken);
        return true;
    }

    private int poll(MailboxRepository.Stored mailbox) throws MailStores.Failed, MessagingException {
        try (Store store = stores.connect(mailbox.settings())) {
            return drain.drain(store, mailbox.settings(), mailbox.workspaceId(), properties.batchSize());
        }
    }

    /** At once while a full batch says more may wait; the interval after a poll; doubling after failures. */
    private Duration wait(String error, int taken, Mailbox mailbox) {
        if (error == null) {
            return taken >= properties.batchSize() ? Duration.ZERO : properties.pollInterval();
        }
        int doublings = Math.min(mailbox.polling().failures(), 20);
        Duration backoff = properties.pollInterval().multipliedBy(1L << doublings);
        return backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
    }

    private static String truncated(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
