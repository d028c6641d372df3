package io.crier.delivery.smtp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.crier.delivery.fence.CampaignGate;

/**
 * Angus Mail's SMTP client with the campaign gate in front of MAIL FROM, the command that begins
 * a transaction, and, in a session that asks for it ({@link #REPLY_TIMEOUT}), each reply and the
 * STARTTLS handshake read under a {@link ReplyDeadline} instead of a socket read timeout, and
 * PIPELINING (RFC 2920) where the relay offers it: a one-recipient message's RCPT TO and DATA go
 * out with its MAIL FROM, in one write ({@link HeldWrites}). Angus then asks for each in turn and
 * reads their replies one by one, so its handling of a refusal stays its own; their writes are
 * skipped, being out already. Everything else (connection reuse, STARTTLS, AUTH, the message and
 * its final dot) is Angus's own. Registered as the {@code smtp} and {@code smtps} provider of
 * Crier's mail sessions.
 */
public class FencedSmtpTransport extends SMTPTransport {

    /** Session property: milliseconds a reply may take, read under a deadline; unset, the socket's timeout. */
    static final String REPLY_TIMEOUT = "mail.smtp.crier.replytimeout";

    private final long replyTimeoutMillis;
    /** False where Angus would word RCPT TO otherwise (DSN) or send BDAT instead of DATA (CHUNKING). */
    private final boolean mayPipeline;
    /** Commands written ahead of Angus's call for them, in order; each still owes its reply. */
    private final Deque<String> sentAhead = new ArrayDeque<>();
    private Address[] recipients;
    private CampaignGate gate;
    private boolean open;

    public FencedSmtpTransport(Session session, URLName urlname) {
        this(session, urlname, "smtp", false, Long.parseLong(session.getProperty(REPLY_TIMEOUT) == null ? "0"
                : session.getProperty(REPLY_TIMEOUT)));
    }

    /** Over TLS from the first byte: its handshake happens in the connect, so the socket's read timeout stays. */
    protected FencedSmtpTransport(Session session, URLName urlname, String protocol, boolean tlsFromStart) {
        this(session, urlname, protocol, tlsFromStart, 0);
    }

    private FencedSmtpTransport(Session session, URLName urlname, String protocol, boolean tlsFromStart,
            long replyTimeoutMillis) {
        super(session, urlname, protocol, tlsFromStart);
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.mayPipeline = session.getProperty("mail." + protocol + ".dsn.notify") == null
                && session.getProperty("mail." + protocol + ".chunksize") == null;
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

    /**
     * Whether the connection is open, as far as this side knows: Angus closes it itself on some
     * failures (a refused recipient whose RSET fails), and its own isConnected asks the relay (NOOP).
     */
    boolean open() {
        return open;
    }

    @Override
    protected void setConnected(boolean connected) {
        super.setConnected(connected);
        open = connected;
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        sentAhead.clear(); // replies a closed connection owed are gone with it
        return super.protocolConnect(host, port, user, password);
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        recipients = addresses;
        try {
            super.sendMessage(message, addresses);
        } finally {
            recipients = null;
        }
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        if (!sentAhead.isEmpty()) {
            if (command.equals(sentAhead.peek())) {
                sentAhead.poll();
                return;
            }
            takeRepliesOwed();
        }
        String rcptTo = command.startsWith("MAIL FROM:") ? rcptToAhead() : null;
        if (rcptTo == null) {
            super.sendCommand(command);
            return;
        }
        HeldWrites.holding(() -> {
            super.sendCommand(command);
            super.sendCommand(rcptTo);
            return null;
        });
        super.sendCommand("DATA");
        sentAhead.add(rcptTo);
        sentAhead.add("DATA");
    }

    /**
     * The RCPT TO Angus will send next, worded as Angus words it, when it may go out now: a message
     * to one recipient, to a relay that offers PIPELINING.
     */
    private String rcptToAhead() {
        if (!mayPipeline || recipients == null || recipients.length != 1
                || !(recipients[0] instanceof InternetAddress recipient) || !supportsExtension("PIPELINING")) {
            return null;
        }
        String address = recipient.getAddress();
        return "RCPT TO:" + (address.startsWith("<") || address.endsWith(">") ? address : "<" + address + ">");
    }

    /**
     * The conversation went another way than the commands sent ahead (the relay refused the sender
     * or the recipient): their replies are read before the next command, so that replies and
     * commands stay paired. A DATA the relay accepted all the same waits for a message; the
     * connection is given up then, not ended with a dot, which could deliver an empty message.
     */
    private void takeRepliesOwed() throws MessagingException {
        while (!sentAhead.isEmpty()) {
            String command = sentAhead.poll();
            if (readServerResponse() == 354 && command.equals("DATA")) {
                throw new MessagingException("The relay took DATA after refusing the transaction",
                        new IOException("connection given up: the relay waits for a message that will not come"));
            }
        }
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
