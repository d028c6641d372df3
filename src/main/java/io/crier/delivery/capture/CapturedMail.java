package io.crier.delivery.capture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One message as the capture server received it, raw, with the workspace whose campaign sent it. */
public record CapturedMail(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo, byte[] raw,
        UUID workspaceId) {

    /** Whether it was sent to the address or shows it anywhere in its raw text (headers and body alike). */
    boolean names(String email) {
        return envelopeTo.stream().anyMatch(email::equalsIgnoreCase)
                || new String(raw, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(email);
    }
}
