package io.crier.delivery.smtp;

import java.time.Duration;
import java.util.List;

import io.crier.delivery.capture.CaptureSmtpServer;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * One SMTP relay as the connection pool uses it. {@code maxRate} null means no rate limit;
 * {@code trust} names hosts whose TLS certificate is accepted without the JVM's trust store
 * (Angus Mail's {@code mail.smtp.ssl.trust}), for a relay with a self-signed certificate.
 */
public record RelaySettings(String name, String host, int port, String username, String password, SmtpSecurity security,
        Double maxRate, int maxConnections, String trust) {

    /** The most sending time a relay's limit lets its connections make up for at once. */
    private static final Duration BURST = Duration.ofMillis(50);

    /** The relays this node sends through: the configured ones, else its own capture server. */
    public static List<RelaySettings> of(SmtpProperties smtp, CaptureSmtpServer capture) {
        List<RelaySettings> configured = smtp.configuredRelays();
        if (!configured.isEmpty()) {
            return configured;
        }
        return List.of(new RelaySettings("capture", "127.0.0.1", capture.port(), null, null, SmtpSecurity.NONE,
                null, smtp.maxConnections(), null));
    }

    /** Every setting but the password, which is shown only as set or not: a log line must not carry it. */
    @Override
    public String toString() {
        return "RelaySettings[name=" + name + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "(none)" : "(redacted)") + ", security="
                + security + ", maxRate=" + maxRate + ", maxConnections=" + maxConnections + ", trust=" + trust + "]";
    }

    boolean authenticates() {
        return username != null && !username.isBlank();
    }

    /**
     * The relay's rate limit, shared by all its connections; null when it has none. Tokens come
     * evenly (one every 1/maxRate s) and at most 50 ms' worth are banked, so no one-second window
     * holds more than maxRate plus that small burst.
     */
    public Bucket rateLimit() {
        if (maxRate == null) {
            return null;
        }
        long burst = Math.max(1, (long) Math.ceil(maxRate * BURST.toNanos() / 1e9));
        long periodNanos = Math.round(burst * 1e9 / maxRate);
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(burst, Duration.ofNanos(periodNanos)).build()).build();
    }
}
