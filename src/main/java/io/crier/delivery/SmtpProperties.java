package io.crier.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP relays mail goes out through. {@code crier.smtp.host} (CRIER_SMTP_HOST ...) names one
 * relay; {@code crier.smtp.relays[n].*} adds more, each with its own connection and rate limits.
 * With none configured, mail goes to the built-in capture server.
 *
 * @param maxConnections connections to the relay named by {@code host}, and the default for others
 * @param maxRate        messages per second for the relay named by {@code host}; empty means unlimited
 * @param heloName       the name this node gives in EHLO; empty: the host's name. Relays that check it
 *                       want the sending host's public name, and it tells nodes apart in a relay's log
 * @param trust          hosts (space-separated, or {@code *}) whose TLS certificate the relay named by
 *                       {@code host} may present without the JVM's trust store vouching for it: for a
 *                       relay with a self-signed certificate; empty checks certificates as usual
 */
@ConfigurationProperties("crier.smtp")
record SmtpProperties(
        String host,
        @DefaultValue("25") int port,
        String username,
        String password,
        @DefaultValue("none") SmtpSecurity security,
        Double maxRate,
        @DefaultValue("8") int maxConnections,
        @DefaultValue("30s") Duration timeout,
        String heloName,
        String trust,
        @DefaultValue List<Relay> relays) {

    record Relay(String name, String host, Integer port, String username, String password, SmtpSecurity security,
            Double maxRate, Integer maxConnections, String trust) {
    }

    /** Every configured relay, the one named by {@code host} first; empty when none is configured. */
    List<RelaySettings> configuredRelays() {
        List<RelaySettings> all = new ArrayList<>();
        if (host != null && !host.isBlank()) {
            all.add(new RelaySettings("default", host, port, username, password, security, maxRate, maxConnections,
                    trust));
        }
        for (int i = 0; i < relays.size(); i++) {
            Relay relay = relays.get(i);
            all.add(new RelaySettings(relay.name() == null ? "relay-" + i : relay.name(), relay.host(),
                    relay.port() == null ? 25 : relay.port(), relay.username(), relay.password(),
                    relay.security() == null ? SmtpSecurity.NONE : relay.security(), relay.maxRate(),
                    relay.maxConnections() == null ? maxConnections : relay.maxConnections(), relay.trust()));
        }
        return all;
    }
}
