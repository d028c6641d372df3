package io.crier.feedback.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The inbound queue and its SMTP listener.
 *
 * @param maxMessageSize the largest message taken in (SMTP's 552 for more); a bounce carries the
 *                       returned message, so this is well above any campaign
 * @param maxAttempts    how often the worker tries a message whose handling failed before parking it
 * @param retryAfter     how long a failed message waits before its next try
 * @param pollInterval   how often an idle node looks for queued messages
 * @param retention      how long processed and parked messages are kept
 * @param smtp           the listener
 */
@ConfigurationProperties("crier.inbound")
record InboundProperties(
        @DefaultValue("10MB") DataSize maxMessageSize,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1m") Duration retryAfter,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30d") Duration retention,
        @DefaultValue Smtp smtp) {

    /**
     * @param port           the port it listens on; empty: off with a real relay, a free loopback
     *                       port with the built-in capture relay (0 also picks a free port)
     * @param bindAddress    the address it listens on; empty: every interface with a real relay,
     *                       loopback with the capture relay
     * @param maxConnections          connections open at once; more are told 421 and closed
     * @param maxConnectionsPerSource connections open at once from one address; more are told 421
     * @param maxRecipients           RCPT TO per message; more are told 452
     * @param idleTimeout             how long a connection may wait for the client's next line
     * @param maxSessionTime          how long a connection may stay open at all
     */
    record Smtp(Integer port, String bindAddress,
            @DefaultValue("50") int maxConnections,
            @DefaultValue("5") int maxConnectionsPerSource,
            @DefaultValue("10") int maxRecipients,
            @DefaultValue("30s") Duration idleTimeout,
            @DefaultValue("5m") Duration maxSessionTime) {
    }
}
