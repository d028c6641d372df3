package io.crier.feedback.mailbox;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

import io.crier.shared.ApiException;
import io.crier.shared.InternalAddresses;

/**
 * Which hosts a mailbox may be polled on: unless {@code crier.mailboxes.allow-private-hosts} is on,
 * only hosts all of whose addresses are public ({@link InternalAddresses}, the webhooks' rule).
 * Checked when a mailbox is saved, and again just before every connection, whose own lookup then
 * finds the addresses this one checked in the JVM's address cache. Refusals never say what a name
 * resolved to: that would let a tenant map the internal network's names.
 */
@Component
class MailboxHosts {

    /** A connection refused before it was made. */
    static final class Refused extends Exception {

        Refused(String why) {
            super(why);
        }
    }

    private static final String INTERNAL = "must not be a private, loopback, link-local or otherwise internal"
            + " address; set crier.mailboxes.allow-private-hosts to allow it";

    private final MailboxProperties properties;

    MailboxHosts(MailboxProperties properties) {
        this.properties = properties;
    }

    /**
     * The host, checked for saving: a 400 naming {@code host} when it is, or resolves to, an
     * internal address (unless allowed). A host that does not resolve (yet) is accepted; every
     * poll checks it again.
     */
    void checkSaved(String host) {
        try {
            checkConnectable(host);
        } catch (Refused refused) {
            throw ApiException.invalid("host", refused.getMessage());
        } catch (UnknownHostException unresolved) {
            // Polls say so, in the mailbox's last error.
        }
    }

    /** Resolves the host now; {@link Refused} when any of its addresses is internal (unless allowed). */
    void checkConnectable(String host) throws Refused, UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!properties.allowPrivateHosts() && InternalAddresses.anyInternal(addresses)) {
            throw new Refused(INTERNAL);
        }
    }
}
