package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.crier.delivery.smtp.RelaySettings;
import io.crier.delivery.smtp.SmtpProperties;

/** The relay settings as Spring Boot binds them at start: a password never goes out in plain text unasked. */
class SmtpPropertiesTest {

    private static final Map<String, String> LOGIN = Map.of("crier.smtp.host", "smtp.example.org",
            "crier.smtp.username", "mailer", "crier.smtp.password", "relay-password");

    @Test
    void aRelayThatLogsInWithoutTlsIsRefusedUnlessInsecureAuthIsAllowed() {
        assertThatThrownBy(() -> bind(LOGIN)).rootCause()
                .hasMessageContaining("crier.smtp.security is none")
                .hasMessageContaining("crier.smtp.allow-insecure-auth");

        assertThat(bind(with(LOGIN, "crier.smtp.security", "starttls")).configuredRelays()).hasSize(1);
        assertThat(bind(with(LOGIN, "crier.smtp.security", "tls")).configuredRelays()).hasSize(1);
        assertThat(bind(with(LOGIN, "crier.smtp.allow-insecure-auth", "true")).configuredRelays()).hasSize(1);
    }

    @Test
    void eachFurtherRelayIsCheckedOnItsOwnOrByTheSharedSetting() {
        Map<String, String> relay = Map.of("crier.smtp.relays[0].host", "backup.example.org",
                "crier.smtp.relays[0].username", "mailer", "crier.smtp.relays[0].password", "relay-password");

        assertThatThrownBy(() -> bind(relay)).rootCause().hasMessageContaining("crier.smtp.relays[0].security");
        assertThat(bind(with(relay, "crier.smtp.relays[0].allow-insecure-auth", "true")).configuredRelays())
                .hasSize(1);
        assertThat(bind(with(relay, "crier.smtp.allow-insecure-auth", "true")).configuredRelays()).hasSize(1);
    }

    @Test
    void aPoolsRelaysAreCheckedAsTheOthersAndEveryPoolNeedsAName() {
        Map<String, String> pool = Map.of("crier.smtp.pools[0].name", "bulk",
                "crier.smtp.pools[0].relays[0].host", "bulk.example.org",
                "crier.smtp.pools[0].relays[0].username", "mailer",
                "crier.smtp.pools[0].relays[0].password", "relay-password");

        assertThatThrownBy(() -> bind(pool)).rootCause().hasMessageContaining("crier.smtp.pools[0].relays[0].security");
        SmtpProperties secured = bind(with(pool, "crier.smtp.pools[0].relays[0].security", "tls"));
        assertThat(secured.configuredRelays()).isEmpty();
        assertThat(secured.allRelays()).extracting(RelaySettings::name).containsExactly("bulk-0");
        assertThatThrownBy(() -> bind(Map.of("crier.smtp.pools[0].relays[0].host", "bulk.example.org")))
                .rootCause().hasMessageContaining("crier.smtp.pools[0].name");
    }

    @Test
    void withoutAnyRelayTheCaptureServerNeedsNothing() {
        assertThat(bind(Map.of()).configuredRelays()).isEmpty();
        assertThat(bind(Map.of("crier.smtp.username", "left-over")).configuredRelays()).isEmpty();
    }

    private static SmtpProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("crier.smtp",
                SmtpProperties.class);
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(name, value);
        return more;
    }
}
