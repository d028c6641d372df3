package io.crier.delivery.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.crier.delivery.fence.CampaignGate;

/**
 * Angus Mail's SMTP client with the campaign gate in front of MAIL FROM, the command that begins
 * a transaction. Everything else (connection reuse, RCPT, DATA, STARTTLS, AUTH) is Angus's own.
 * Registered as the {@code smtp} and {@code smtps} provider of Crier's mail sessions.
 */
public class FencedSmtpTransport extends SMTPTransport {

    private CampaignGate gate;

    public FencedSmtpTransport(Session session, URLName urlname) {
        super(session, urlname);
    }

    protected FencedSmtpTransport(Session session, URLName urlname, String protocol, boolean tlsFromStart) {
        super(session, urlname, protocol, tlsFromStart);
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
}
