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

    public static Session forRelay(RelaySettings relay, long timeoutMillis, String heloName) {
        Properties properties = new Properties();
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String prefix = "mail." + protocol + ".";
            properties.setProperty(prefix + "connectiontimeout", Long.toString(timeoutMillis));
            properties.setProperty(prefix + "timeout", Long.toString(timeoutMillis));
            properties.setProperty(prefix + "writetimeout", Long.toString(timeoutMillis));
            properties.put(prefix + "executor.writetimeout", WriteDeadlines.SHARED);
            properties.setProperty(prefix + "auth", Boolean.toString(relay.authenticates()));
            if (heloName != null && !heloName.isBlank()) {
                properties.setProperty(prefix + "localhost", heloName);
            }
            if (relay.trust() != null && !relay.trust().isBlank()) {
                properties.setProperty(prefix + "ssl.trust", relay.trust());
            }
        }
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
