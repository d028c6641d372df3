package io.crier.delivery.smtp;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message whose bytes Crier rendered itself; Angus only streams them after DATA. The envelope
 * sender is given as it goes into MAIL FROM, so Angus neither formats a From header for it nor
 * parses one back.
 */
final class PreRenderedMessage extends SMTPMessage {

    private final byte[] bytes;

    PreRenderedMessage(Session session, byte[] bytes, String envelopeFrom) {
        super(session);
        this.bytes = bytes;
        setEnvelopeFrom(envelopeFrom);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreHeaders) throws IOException, MessagingException {
        out.write(bytes);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException, MessagingException {
        out.write(bytes);
    }
}
