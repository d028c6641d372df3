package io.crier.delivery.smtp;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** A message whose bytes Crier rendered itself; Angus only streams them after DATA. */
final class PreRenderedMessage extends MimeMessage {

    private final byte[] bytes;

    PreRenderedMessage(Session session, byte[] bytes) {
        super(session);
        this.bytes = bytes;
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
