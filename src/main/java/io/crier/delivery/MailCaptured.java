package io.crier.delivery;

import java.util.List;

/**
 * Published when the built-in capture relay has received a message, on its SMTP thread, after the
 * dev inbox has it. The feedback module's simulator listens: mail to its simulator addresses comes
 * back through the inbound path. A listener must hand any real work to a thread of its own.
 *
 * @param envelopeFrom the MAIL FROM (the return path), empty for the null reverse path
 * @param envelopeTo   the RCPT TO addresses
 * @param raw          the message as received
 */
public record MailCaptured(String envelopeFrom, List<String> envelopeTo, byte[] raw) {

    public MailCaptured {
        envelopeTo = List.copyOf(envelopeTo);
    }
}
