package io.crier.delivery.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.crier.delivery.RelayPools;

/**
 * The SMTP relays mail goes out through. {@code crier.smtp.host} (CRIER_SMTP_HOST ...) names one
 * relay; {@code crier.smtp.relays[n].*} adds more, each with its own connection and rate limits.
 * With none configured, mail goes to the built-in capture server. These make up the default
 * pool; {@code crier.smtp.pools[n].*} adds named pools ({@link RelayPools}).
 *
 * @param maxConnections connections to the relay named by {@code host}, and the default for others
 * @param maxRate        messages per second for the relay named by {@code host}; empty means unlimited
 * @param heloName       the name this node gives in EHLO; empty: the host's name. Relays that check it
 *                       want the sending host's public name, and it tells nodes apart in a relay's log
 * @param security       {@code none}: STARTTLS when the relay offers it, plain text otherwise (the
 *                       certificate is then not checked, unless {@code trust} says how); {@code starttls}:
 *                       STARTTLS or nothing, certificate checked; {@code tls}: TLS from the first byte
 * @param trust          hosts (space-separated, or {@code *}) whose TLS certificate the relay named by
 *                       {@code host} may present without the JVM's trust store vouching for it: for a
 *                       relay with a self-signed certificate; empty checks certificates as usual
 * @param allowInsecureAuth log in with {@code username} under {@code security: none} all the same, where
 *                       the password may cross the network readable (a relay on a network of its own);
 *                       without it such settings are refused at start
 */
@ConfigurationProperties("crier.smtp")
public record SmtpProperties(
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
        @DefaultValue("false") boolean allowInsecureAuth,
        @DefaultValue List<Relay> relays,
        @DefaultValue List<Pool> pools,
        @DefaultValue List<Throttle> throttles) {

    record Relay(String name, String host, Integer port, String username, String password, SmtpSecurity security,
            Double maxRate, Integer maxConnections, String trust, Boolean allowInsecureAuth) {
    }

    /**
     * A named group of relays with limits of its own ({@link RelayPool}); {@code workspaces} lists the
     * workspace ids whose routing rules may name it, or {@code *} for every workspace.
     */
    public record Pool(String name, List<Relay> relays, Double maxRate, Integer maxPerMinute, Integer maxConnections,
            Long dailyVolume, List<String> workspaces) {
    }

    /**
     * A limit on mail to one mailbox provider, whatever the pool: at most {@code maxPerMinute}
     * messages a minute to recipients at any of its {@code domains}, over all nodes.
     */
    public record Throttle(String name, List<String> domains, Integer maxPerMinute) {
    }

    /**
     * How much later than {@code timeout} a write or a reply that takes too long is cut: the timer
     * that enforces the timeouts ({@link SmtpDeadlines}) looks this often.
     */
    public static final Duration TIMEOUTS_CHECKED_EVERY = Duration.ofSeconds(1);

    /** A relay's password never crosses the network in plain text unless that is asked for. */
    public SmtpProperties {
        if (isSet(host)) {
            refuseInsecureAuth("crier.smtp", username, security, allowInsecureAuth);
        }
        refuseInsecureAuth("crier.smtp.relays", relays, allowInsecureAuth);
        for (int p = 0; p < pools.size(); p++) {
            Pool pool = pools.get(p);
            if (!isSet(pool.name())) {
                throw new IllegalArgumentException("crier.smtp.pools[" + p + "].name is not set: routing rules"
                        + " name pools, so each needs a name");
            }
            refuseInsecureAuth("crier.smtp.pools[" + p + "].relays", relaysOf(pool), allowInsecureAuth);
        }
        for (int t = 0; t < throttles.size(); t++) {
            Throttle throttle = throttles.get(t);
            if (!isSet(throttle.name()) || throttle.domains() == null || throttle.domains().isEmpty()
                    || throttle.maxPerMinute() == null || throttle.maxPerMinute() < 1) {
                throw new IllegalArgumentException("crier.smtp.throttles[" + t + "] needs a name, its domains and a"
                        + " max-per-minute of at least 1");
            }
        }
    }

    private static void refuseInsecureAuth(String prefix, List<Relay> relays, boolean allowInsecureAuth) {
        for (int i = 0; i < relays.size(); i++) {
            Relay relay = relays.get(i);
            refuseInsecureAuth(prefix + "[" + i + "]", relay.username(), relay.security(),
                    relay.allowInsecureAuth() == null ? allowInsecureAuth : relay.allowInsecureAuth());
        }
    }

    static List<Relay> relaysOf(Pool pool) {
        return pool.relays() == null ? List.of() : pool.relays();
    }

    private static void refuseInsecureAuth(String prefix, String username, SmtpSecurity security, boolean allowed) {
        if (isSet(username) && (security == null || security == SmtpSecurity.NONE) && !allowed) {
            throw new IllegalArgumentException(prefix + ".username is set but " + prefix + ".security is none: the"
                    + " password would cross the network in plain text whenever the relay offers no STARTTLS (or a"
                    + " man in the middle strips it). Set " + prefix + ".security to starttls or tls, or "
                    + prefix + ".allow-insecure-auth to true for a relay on a network of its own");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Every configured relay, the one named by {@code host} first; empty when none is configured. */
    public List<RelaySettings> configuredRelays() {
        List<RelaySettings> all = new ArrayList<>();
        if (isSet(host)) {
            all.add(new RelaySettings("default", host, port, username, password, security, maxRate, maxConnections,
                    trust));
        }
        all.addAll(settingsOf(relays, "relay-"));
        return all;
    }

    /** The relays of a pool; unnamed ones are called {@code <pool>-<n>}. */
    public List<RelaySettings> relaysOf(Pool pool, String unnamedPrefix) {
        return settingsOf(relaysOf(pool), unnamedPrefix);
    }

    /** Every relay of the settings, the default pool's and every named pool's: what start-up checks look at. */
    public List<RelaySettings> allRelays() {
        List<RelaySettings> all = new ArrayList<>(configuredRelays());
        pools.forEach(pool -> all.addAll(relaysOf(pool, pool.name() + "-")));
        return all;
    }

    private List<RelaySettings> settingsOf(List<Relay> list, String unnamedPrefix) {
        List<RelaySettings> all = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Relay relay = list.get(i);
            all.add(new RelaySettings(relay.name() == null ? unnamedPrefix + i : relay.name(), relay.host(),
                    relay.port() == null ? 25 : relay.port(), relay.username(), relay.password(),
                    relay.security() == null ? SmtpSecurity.NONE : relay.security(), relay.maxRate(),
                    relay.maxConnections() == null ? maxConnections : relay.maxConnections(), relay.trust()));
        }
        return all;
    }
}
