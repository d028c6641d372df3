package io.crier.delivery.smtp;

import java.net.SocketTimeoutException;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.crier.delivery.fence.CampaignGate;

/**
 * Angus Mail's SMTP client with the campaign gate in front of MAIL FROM, the command that begins
 * a transaction, and, in a session that asks for it ({@link #REPLY_TIMEOUT}), each reply and the
 * STARTTLS handshake read under a {@link ReplyDeadline} instead of a socket read timeout.
 * Everything else (connection reuse, RCPT, DATA, STARTTLS, AUTH) is Angus's own. Registered as
 * the {@code smtp} and {@code smtps} provider of Crier's mail sessions.
 */
public class FencedSmtpTransport extends SMTPTransport {

    /** Session property: milliseconds a reply may take, read under a deadline; unset, the socket's timeout. */
    static final String REPLY_TIMEOUT = "mail.smtp.crier.replytimeout";

    private final long replyTimeoutMillis;
    private CampaignGate gate;

    public FencedSmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
        this.replyTimeoutMillis = Long.parseLong(session.getProperty(REPLY_TIMEOUT) == null ? "0"
                : session.getProperty(REPLY_TIMEOUT));
    }

    /** Over TLS from the first byte: its handshake happens in the connect, so the socket's read timeout stays. */
    protected FencedSmtpTransport(Session session, URLName urlname, String protocol, boolean tlsFromStart) {
        super(session, urlname, protocol, tlsFromStart);
        this.replyTimeoutMillis = 0;
    }

    /** The gate the next message must pass; each transport is used by one sender at a time. */
    void guardNextMessageWith(CampaignGate nextGate) {
        this.gate = nextGate;
    }

    @Override
    protected void mailFrom() throws MessagingException {
        CampaignGate current = gate;
        if (current == null) {
            super.mailFrom();
            return;
        }
        current.pass(super::mailFrom);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        return withinReplyTimeout(super::readServerResponse);
    }

    @Override
    protected void startTLS() throws MessagingException {
        withinReplyTimeout(() -> {
            super.startTLS();
            return null;
        });
    }

    private <T> T withinReplyTimeout(MailStep<T> step) throws MessagingException {
        if (replyTimeoutMillis == 0) {
            return step.run();
        }
        ReplyDeadline deadline = ReplyDeadline.arm(replyTimeoutMillis, SmtpDeadlines.SHARED);
        T result;
        try {
            result = step.run();
        } catch (MessagingException | RuntimeException e) {
            if (deadline.disarm()) {
                // Angus closed the connection when its read failed; what failed it was the deadline.
                throw new MessagingException("No reply from the relay within " + replyTimeoutMillis + " ms",
                        new SocketTimeoutException("reply deadline passed"));
            }
            throw e;
        } catch (Error e) {
            deadline.disarm(); // no interrupt may reach the thread after this read
            throw e;
        }
        deadline.disarm(); // a deadline that passed just after the reply: the reply stands
        return result;
    }

    @FunctionalInterface
    private interface MailStep<T> {
        T run() throws MessagingException;
    }
}
