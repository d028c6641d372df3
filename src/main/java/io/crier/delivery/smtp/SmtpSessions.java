package io.crier.delivery.smtp;

import java.util.Properties;

import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;

import io.crier.shared.MailRuntime;

/** Jakarta Mail sessions for relays, with Crier's fenced transport as their SMTP client. */
public final class SmtpSessions {

    static {
        MailRuntime.configure();
    }

    private SmtpSessions() {
    }

    /** A session any thread may use: the socket's read timeout bounds each reply. */
    public static Session forRelay(RelaySettings relay, long timeoutMillis, String heloName) {
        return session(relay, timeoutMillis, heloName, false);
    }

    /**
     * A session for the engine's senders, which are virtual threads: over SMTP (STARTTLS
     * included) each reply is read under a deadline on a shared timer rather than a socket read
     * timeout, which costs a virtual thread a timed park at every read (docs/benchmarks.md, "The
     * SMTP timeouts"). Over TLS from the first byte the socket keeps its read timeout.
     */
    public static Session forSenders(RelaySettings relay, long timeoutMillis, String heloName) {
        return session(relay, timeoutMillis, heloName, true);
    }

    private static Session session(RelaySettings relay, long timeoutMillis, String heloName, boolean replyDeadlines) {
        Properties properties = new Properties();
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String prefix = "mail." + protocol + ".";
            properties.setProperty(prefix + "connectiontimeout", Long.toString(timeoutMillis));
            if (replyDeadlines && protocol.equals("smtp")) {
                properties.setProperty(FencedSmtpTransport.REPLY_TIMEOUT, Long.toString(timeoutMillis));
            } else {
                properties.setProperty(prefix + "timeout", Long.toString(timeoutMillis));
            }
            properties.setProperty(prefix + "writetimeout", Long.toString(timeoutMillis));
            properties.put(prefix + "executor.writetimeout", SmtpDeadlines.SHARED);
            // QUIT is sent on close, not waited for: a connection given up in the middle of DATA
            // (FencedSmtpTransport) gets no answer to it, and nothing would come of one.
            properties.setProperty(prefix + "quitwait", "false");
            properties.setProperty(prefix + "auth", Boolean.toString(relay.authenticates()));
            if (heloName != null && !heloName.isBlank()) {
                properties.setProperty(prefix + "localhost", heloName);
            }
            if (relay.trust() != null && !relay.trust().isBlank()) {
                properties.setProperty(prefix + "ssl.trust", relay.trust());
            }
        }
        // Commands a sender pipelines leave in one write (FencedSmtpTransport, HeldWrites).
        properties.put("mail.smtp.socketFactory", HeldWrites.SOCKETS);
        if (relay.security() == SmtpSecurity.STARTTLS) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        } else if (relay.security() == SmtpSecurity.NONE) {
            // Opportunistic: TLS whenever the relay offers STARTTLS. Its certificate is checked only if
            // trust says how: whoever could forge one could as well strip the offer, so checking would
            // only stop mail to relays with a self-signed certificate, which had it in plain text.
            properties.setProperty("mail.smtp.starttls.enable", "true");
            if (relay.trust() == null || relay.trust().isBlank()) {
                properties.setProperty("mail.smtp.ssl.trust", "*");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "false");
            }
        }
        Session session = Session.getInstance(properties);
        try {
            session.setProvider(provider("smtp", FencedSmtpTransport.class));
            session.setProvider(provider("smtps", FencedSmtpsTransport.class));
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException(e);
        }
        return session;
    }

    private static Provider provider(String protocol, Class<?> transport) {
        return new Provider(Provider.Type.TRANSPORT, protocol, transport.getName(), "Crier", "1");
    }
}
