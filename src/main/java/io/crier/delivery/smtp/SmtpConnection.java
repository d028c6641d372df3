package io.crier.delivery.smtp;

import java.net.SocketTimeoutException;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.crier.delivery.fence.CampaignGate;

/**
 * One reused connection to a relay, used by one sender at a time. It reconnects after any
 * failure that may have left the session in an unknown state.
 */
public final class SmtpConnection implements AutoCloseable {

    /** After this long unused, a NOOP checks that the relay has not dropped the connection. */
    private static final long IDLE_CHECK_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    private final Session session;
    private final RelaySettings relay;
    private FencedSmtpTransport transport;
    private long lastUsedNanos;

    public SmtpConnection(Session session, RelaySettings relay) {
        this.session = session;
        this.relay = relay;
    }

    public SendOutcome send(byte[] message, String envelopeFrom, String recipient, CampaignGate gate) {
        try {
            FencedSmtpTransport connected = connected();
            connected.guardNextMessageWith(gate);
            connected.sendMessage(new PreRenderedMessage(session, message, envelopeFrom),
                    new Address[] {new InternetAddress(recipient)});
            return new SendOutcome(SendOutcome.Kind.SENT, connected.getLastServerResponse(), null);
        } catch (MessagingException e) {
            return failure(e);
        }
    }

    private SendOutcome failure(MessagingException e) {
        if (e instanceof CampaignGate.Closed) {
            return new SendOutcome(SendOutcome.Kind.NOT_STARTED, "gate closed", null);
        }
        boolean loginRefused = e instanceof AuthenticationFailedException;
        if (loginRefused) {
            log.warn("Relay {} refused Crier's login (check its user name and password): {}", relay.name(), reply(e));
        }
        int code = replyCode(e);
        if (code >= 500) {
            return new SendOutcome(SendOutcome.Kind.BOUNCED, reply(e), RelayError.PERMANENT);
        }
        if (code >= 400) {
            return new SendOutcome(SendOutcome.Kind.DEFERRED, reply(e), RelayError.TEMPORARY);
        }
        // No reply from the relay: the connection failed or timed out; start a fresh one.
        close();
        RelayError error = loginRefused ? RelayError.AUTH : timedOut(e) ? RelayError.TIMEOUT : RelayError.CONNECTION;
        return new SendOutcome(SendOutcome.Kind.DEFERRED, reply(e), error);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static int replyCode(MessagingException e) {
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (next instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            if (next instanceof CampaignGate.Closed) {
                return -1;
            }
        }
        return -1;
    }

    private static String reply(MessagingException e) {
        Exception detail = e instanceof SendFailedException && e.getNextException() != null ? e.getNextException() : e;
        String message = String.valueOf(detail.getMessage()).strip();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private FencedSmtpTransport connected() throws MessagingException {
        long now = System.nanoTime();
        boolean idle = now - lastUsedNanos > IDLE_CHECK_NANOS;
        lastUsedNanos = now;
        if (transport != null && (!transport.open() || idle && !transport.isConnected())) {
            close();
        }
        if (transport == null) {
            transport = (FencedSmtpTransport) session.getTransport(relay.security() == SmtpSecurity.TLS ? "smtps" : "smtp");
            // Angus authenticates whenever it is given a user and a password, even empty ones, and
            // a relay that offers AUTH then refuses every message: no user name means no AUTH.
            if (relay.authenticates()) {
                transport.connect(relay.host(), relay.port(), relay.username(), relay.password());
            } else {
                transport.connect(relay.host(), relay.port(), null, null);
            }
        }
        return transport;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException alreadyBroken) {
                // Nothing to recover: the next send opens a new connection.
            } finally {
                transport = null;
            }
        }
    }
}
