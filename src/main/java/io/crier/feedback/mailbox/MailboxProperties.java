package io.crier.feedback.mailbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval      how long after a poll a mailbox is polled again (at once while a full batch
 *                          suggests more mail is waiting)
 * @param idlePoll          how often a node looks for due mailboxes (the clock decides which are due)
 * @param batchSize         messages fetched from one mailbox in one poll
 * @param maxBackoff        the longest wait before polling a mailbox whose server failed again; the wait
 *                          doubles from {@code pollInterval} with each failure in a row
 * @param timeout           connecting, reading and writing to a mailbox server each give up after this
 * @param lease             how long a node holds a mailbox it polls before another node may take it over
 *                          (a node that died mid-poll)
 * @param perWorkspace      mailboxes one workspace may configure
 * @param allowPrivateHosts whether a mailbox may be on a loopback, private, link-local or otherwise
 *                          internal address (refused by default: a tenant's mailbox must not be a way
 *                          into the network Crier runs in)
 */
@ConfigurationProperties("crier.mailboxes")
record MailboxProperties(
        @DefaultValue("1m") Duration pollInterval,
        @DefaultValue("1s") Duration idlePoll,
        @DefaultValue("50") int batchSize,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("10m") Duration lease,
        @DefaultValue("5") int perWorkspace,
        @DefaultValue("false") boolean allowPrivateHosts) {
}
