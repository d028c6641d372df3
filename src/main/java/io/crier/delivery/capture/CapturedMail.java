package io.crier.delivery.capture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** One message as the capture server received it, raw, with the workspace whose campaign sent it. */
public record CapturedMail(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo, byte[] raw,
        UUID workspaceId) {

    /**
     * Whether it was sent to the address or shows it anywhere in its raw text (headers and body
     * alike), as a whole address: not inside a longer one (jerin@example.org, erin@example.org.uk).
     */
    boolean names(String email) {
        return envelopeTo.stream().anyMatch(email::equalsIgnoreCase) || Pattern.compile(
                "(?<![\\w.%+-])" + Pattern.quote(email) + "(?![\\w-]|\\.\\w)", Pattern.CASE_INSENSITIVE)
                .matcher(new String(raw, StandardCharsets.ISO_8859_1)).find();
    }
}
