package io.crier.delivery.smtp;

import jakarta.mail.Session;
import jakarta.mail.URLName;

/** {@link FencedSmtpTransport} over TLS from the first byte (port 465 style). */
public class FencedSmtpsTransport extends FencedSmtpTransport {

    public FencedSmtpsTransport(Session session, URLName urlname) {
        super(session, urlname, "smtps", true);
    }
}
