package io.crier.delivery.capture;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One message as the capture server received it, raw, with the workspace whose campaign sent it. */
public record CapturedMail(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo, byte[] raw,
        UUID workspaceId) {
}
