package io.crier.delivery;

import java.util.UUID;

/**
 * Passes a message on unchanged (a reply Crier heard at a reply address, to the campaign's real
 * reply-to) through the relay pool the campaign's own mail goes through, by the workspace's routing
 * rules, and over the engine's senders of that pool: their pooled connections and their relays'
 * rate limits, like a test message. Its envelope sender is the postmaster of the campaign's
 * return-path domain (else the campaign's From address), so the relay's SPF is the one checked and
 * a bounce of it comes back to Crier, where it ties to no delivery.
 */
public interface ForwardingRelay {

    /** Whether this node sends mail: only a node whose delivery engine runs can forward. */
    boolean sendsHere();

    /**
     * Sends the message to {@code recipient} and waits for the relay's answer (at most twice
     * {@code crier.smtp.timeout}).
     *
     * @param campaignFrom the campaign's From address, which its routing and return path follow
     */
    Outcome forward(UUID workspaceId, UUID campaignId, String campaignFrom, byte[] message, String recipient);

    /** What the relay made of it, with its reply (or the error when there was none). */
    record Outcome(Kind kind, String reply) {

        public enum Kind {
            /** The relay accepted it. */
            SENT,
            /** Refused for good (5xx): trying again changes nothing. */
            REFUSED,
            /** Not sent this time (4xx, no connection, no sender free in time): try again later. */
            DEFERRED
        }
    }
}
