package io.crier.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * Signs finished messages as one domain with one key: rsa-sha256, relaxed/relaxed, the body hash
 * over the whole body. The key is parsed once; jDKIM canonicalises and hashes. One instance serves
 * every sender thread.
 */
final class DkimSigner {

    /**
     * The fields signed, each as often as the message has it; From once more, so that no second
     * From can be added without breaking the signature (RFC 6376, section 8.15).
     */
    private static final List<String> SIGNED = List.of("from", "to", "cc", "subject", "date", "message-id",
            "reply-to", "mime-version", "content-type", "content-transfer-encoding", "list-unsubscribe",
            "list-unsubscribe-post", "feedback-id");
    private static final String OVERSIGNED = "from";
    private static final byte[] CRLF = {'\r', '\n'};
    /** Lines of the signature field are kept below this, well under SMTP's 998. */
    private static final int LINE_LENGTH = 76;

    private final PrivateKey key;
    private final String tagsBeforeHeaders;

    DkimSigner(String domain, String selector, PrivateKey key) {
        this.key = key;
        this.tagsBeforeHeaders = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; h=";
    }

    /** The message with a DKIM-Signature field in front. {@code message} has CRLF line ends. */
    byte[] sign(byte[] message) {
        int headerEnd = headerEnd(message);
        int bodyStart = Math.min(headerEnd + 2, message.length);
        MessageHeaders headers = MessageHeaders.of(message, headerEnd);
        String template = tagsBeforeHeaders + signedNames(headers) + "; bh=; b=;";
        DKIMSigner signer = new DKIMSigner(template, key);
        try {
            BodyHasher body = signer.newBodyHasher(signer.newSignatureRecordTemplate(template));
            try (OutputStream hashed = body.getOutputStream()) {
                hashed.write(message, bodyStart, message.length - bodyStart);
            }
            byte[] field = folded(signer.sign(headers, body)).getBytes(StandardCharsets.US_ASCII);
            byte[] signed = new byte[field.length + CRLF.length + message.length];
            System.arraycopy(field, 0, signed, 0, field.length);
            System.arraycopy(CRLF, 0, signed, field.length, CRLF.length);
            System.arraycopy(message, 0, signed, field.length + CRLF.length, message.length);
            return signed;
        } catch (PermFailException e) {
            throw new IllegalStateException("jDKIM refused a signature Crier built: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String signedNames(MessageHeaders headers) {
        StringBuilder names = new StringBuilder(160);
        for (String name : SIGNED) {
            int times = headers.count(name) + (name.equals(OVERSIGNED) ? 1 : 0);
            for (int i = 0; i < times; i++) {
                names.append(names.isEmpty() ? "" : ":").append(name);
            }
        }
        return names.toString();
    }

    /**
     * Where the header block ends: the index just past its last field's CRLF, i.e. of the empty
     * line (the whole message when there is no body).
     */
    private static int headerEnd(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i + 2;
            }
        }
        return message.length;
    }

    /**
     * jDKIM writes the field on one line, too long for a 4096-bit key's signature. Folding only
     * where the field has a space already (between tags) and inside the b= value (which verifiers
     * remove before hashing) leaves its relaxed canonical form, and so the signature, unchanged.
     */
    private static String folded(String field) {
        StringBuilder out = new StringBuilder(field.length() + 64);
        int lineStart = 0;
        for (String part : field.split("(?<=;) ")) {
            if (!out.isEmpty()) {
                boolean fits = out.length() - lineStart + 1 + part.length() <= LINE_LENGTH;
                if (!fits) {
                    out.append("\r\n");
                    lineStart = out.length();
                }
                out.append(fits ? " " : "\t");
            }
            out.append(part.startsWith("b=") ? foldedValue(part, out.length() - lineStart) : part);
            lineStart = Math.max(lineStart, out.lastIndexOf("\r\n") + 2);
        }
        return out.toString();
    }

    private static String foldedValue(String tag, int column) {
        StringBuilder out = new StringBuilder(tag.length() + 32);
        int room = Math.max(LINE_LENGTH - column, 8);
        int at = 0;
        while (tag.length() - at > room) {
            out.append(tag, at, at + room).append("\r\n\t ");
            at += room;
            room = LINE_LENGTH - 2;
        }
        return out.append(tag, at, tag.length()).toString();
    }
}
