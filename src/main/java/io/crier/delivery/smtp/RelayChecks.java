package io.crier.delivery.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.shared.CrierProperties;

/**
 * Settings that would send real mail badly, checked at start. Mail through a relay off this
 * machine goes to real people, so its unsubscribe and tracking links must reach this Crier:
 * without {@code crier.public-url} they would point at localhost, and Crier refuses to start.
 * (The capture server, the default, and relays on loopback are for trying Crier out: they need
 * nothing.) Links over plain http, and relays whose certificate nothing checks, are warned about.
 */
@Component
class RelayChecks {

    private static final Logger log = LoggerFactory.getLogger(RelayChecks.class);

    RelayChecks(SmtpProperties smtp, CrierProperties crier) {
        List<RelaySettings> relays = smtp.allRelays();
        refusal(relays, crier.publicUrl()).ifPresent(refusal -> {
            throw new IllegalStateException(refusal);
        });
        warnings(relays, crier.publicUrl()).forEach(log::warn);
    }

    /** Why Crier must not start with these relays and public URL; empty when it may. */
    static Optional<String> refusal(List<RelaySettings> relays, String publicUrl) {
        if (isSet(publicUrl)) {
            return Optional.empty();
        }
        return relays.stream().filter(relay -> !isLoopback(relay.host())).findFirst().map(relay -> "Relay "
                + relay.name() + " (" + relay.host() + ") sends real mail, but crier.public-url (CRIER_PUBLIC_URL)"
                + " is not set: every unsubscribe and tracking link in it would point at localhost. Set it to the"
                + " https address recipients reach Crier at, e.g. https://mail.example.com");
    }

    /** What to warn about in these settings, one line each. */
    static List<String> warnings(List<RelaySettings> relays, String publicUrl) {
        List<String> warnings = new ArrayList<>();
        boolean realMail = relays.stream().anyMatch(relay -> !isLoopback(relay.host()));
        if (realMail && isSet(publicUrl) && !publicUrl.toLowerCase(Locale.ROOT).startsWith("https://")) {
            warnings.add("crier.public-url (" + publicUrl + ") is not https: mailbox providers ignore one-click"
                    + " unsubscribe links (RFC 8058) that are not, and recipients' clicks cross the network readable");
        }
        relays.stream().filter(relay -> "*".equals(relay.trust() == null ? null : relay.trust().strip()))
                .forEach(relay -> warnings.add("Relay " + relay.name() + " trusts any TLS certificate (trust: *):"
                        + " whoever sits between Crier and " + relay.host() + " can read its mail and password."
                        + " Name the relay's host in trust instead, or give the JVM its certificate"));
        return warnings;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(host).isLoopbackAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
