package io.crier.feedback.forward;

import java.nio.charset.StandardCharsets;

/**
 * The bytes a reply is passed on as: the reply exactly as it came, so its author's DKIM signature
 * still verifies and DMARC passes at the receiver for the author's own domain, below one trace
 * header of Crier's naming the reply address it came to. The header also tells Crier the message
 * was forwarded once, should it ever come back.
 */
final class ForwardedMessage {

    static final String HEADER = "X-Crier-Forwarded-For";

    private ForwardedMessage() {
    }

    static byte[] of(byte[] reply, String replyAddress) {
        byte[] trace = (HEADER + ": " + replyAddress + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] forwarded = new byte[trace.length + reply.length];
        System.arraycopy(trace, 0, forwarded, 0, trace.length);
        System.arraycopy(reply, 0, forwarded, trace.length, reply.length);
        return forwarded;
    }
}
