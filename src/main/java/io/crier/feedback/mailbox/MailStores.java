package io.crier.feedback.mailbox;

import java.net.UnknownHostException;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

/**
 * Logs in to mailboxes with Angus Mail, over the mailbox's protocol and security, within
 * {@code crier.mailboxes.timeout}, after checking its host ({@link MailboxHosts}). What fails
 * becomes a {@link Failed} with a reason an operator can act on.
 */
@Component
class MailStores {

    /** Connecting or logging in failed; the message says why, without the password. */
    static final class Failed extends Exception {

        Failed(String why) {
            super(why);
        }
    }

    private final MailboxHosts hosts;
    private final MailboxProperties properties;

    MailStores(MailboxHosts hosts, MailboxProperties properties) {
        this.hosts = hosts;
        this.properties = properties;
    }

    /** A store logged in to the mailbox; the caller closes it. */
    Store connect(MailboxSettings settings) throws Failed {
        try {
            hosts.checkConnectable(settings.host());
        } catch (MailboxHosts.Refused refused) {
            throw new Failed("host " + refused.getMessage());
        } catch (UnknownHostException unknown) {
            throw new Failed("host " + settings.host() + " does not resolve");
        }
        String name = settings.protocol().storeName(settings.security());
        Store store;
        try {
            store = Session.getInstance(sessionProperties(name, settings)).getStore(name);
        } catch (MessagingException e) {
            throw new IllegalStateException("Angus Mail has no " + name + " store", e);
        }
        try {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            return store;
        } catch (AuthenticationFailedException e) {
            throw new Failed("login refused for " + settings.username() + ": " + reason(e));
        } catch (MessagingException e) {
            throw new Failed("could not connect to " + settings.host() + ":" + settings.port() + ": " + reason(e));
        }
    }

    private Properties sessionProperties(String name, MailboxSettings settings) {
        String timeout = String.valueOf(properties.timeout().toMillis());
        Properties session = new Properties();
        String prefix = "mail." + name + ".";
        session.setProperty(prefix + "connectiontimeout", timeout);
        session.setProperty(prefix + "timeout", timeout);
        session.setProperty(prefix + "writetimeout", timeout);
        session.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (settings.tlsCertificate() != null) {
            // The certificate given is the server's identity: no host name to match it against.
            session.put(prefix + "ssl.socketFactory", MailboxTrust.socketFactory(settings.tlsCertificate()));
            session.setProperty(prefix + "ssl.checkserveridentity", "false");
        }
        if (settings.security() == MailSecurity.STARTTLS) {
            session.setProperty(prefix + "starttls.enable", "true");
            session.setProperty(prefix + "starttls.required", "true");
        }
        return session;
    }

    /** The innermost cause's message: a refused connection says so there, not in the wrapper's text. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String outer = failure.getMessage();
        return cause == failure || outer == null || outer.equals(message) ? message : outer + " (" + message + ")";
    }
}
