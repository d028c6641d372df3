package io.crier.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;


/** A relay's settings as a log line or debugger shows them: everything but the password. */
class RelaySettingsTest {

    @Test
    void theTextOfARelaysSettingsNamesItsUserButHidesItsPassword() {
        RelaySettings relay = new RelaySettings("main", "smtp.example.org", 587, "mailer", "hunter2-relay-password",
                SmtpSecurity.STARTTLS, 10.0, 4, null);

        assertThat(relay.toString()).contains("main", "smtp.example.org", "587", "mailer", "password=(redacted)")
                .doesNotContain("hunter2");
        assertThat(new RelaySettings("capture", "127.0.0.1", 2525, null, null, SmtpSecurity.NONE, null, 8, null)
                .toString()).contains("password=(none)");
    }
}
