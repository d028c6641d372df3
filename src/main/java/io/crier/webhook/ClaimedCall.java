package io.crier.webhook;

import java.net.URI;
import java.util.UUID;

/** A due webhook call (one event for one webhook) this node holds the lease on, with what sending it needs. */
record ClaimedCall(UUID id, UUID workspaceId, String event, String body, int attempts, URI url, String secret,
        WebhookFormat format) {

    /** Where the request goes: the host and port, which back off together ({@link HostBackoff}). */
    String target() {
        return url.getHost() + ":" + url.getPort();
    }
}
