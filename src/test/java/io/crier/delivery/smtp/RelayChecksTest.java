package io.crier.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;


/**
 * What Crier checks of its relays at start: real mail needs links that reach Crier; trying Crier
 * out (the capture server, a relay on loopback) needs no setting at all.
 */
class RelayChecksTest {

    @Test
    void aRelayOffThisMachineNeedsThePublicUrlOneOnLoopbackDoesNot() {
        assertThat(RelayChecks.refusal(List.of(relay("smtp.example.org", null)), null)).get().asString()
                .contains("crier.public-url", "smtp.example.org");
        assertThat(RelayChecks.refusal(List.of(relay("smtp.example.org", null)), " ")).isPresent();
        assertThat(RelayChecks.refusal(List.of(relay("smtp.example.org", null)), "https://mail.example.com"))
                .isEmpty();
        for (String loopback : List.of("127.0.0.1", "127.1.2.3", "localhost", "LocalHost", "::1")) {
            assertThat(RelayChecks.refusal(List.of(relay(loopback, null)), null)).as(loopback).isEmpty();
        }
        assertThat(RelayChecks.refusal(List.of(), null)).as("the capture server").isEmpty();
    }

    @Test
    void linksOverPlainHttpAndCertificatesNobodyChecksAreWarnedAbout() {
        assertThat(RelayChecks.warnings(List.of(relay("smtp.example.org", null)), "http://mail.example.com"))
                .singleElement().asString().contains("not https");
        assertThat(RelayChecks.warnings(List.of(relay("127.0.0.1", null)), "http://localhost:8080")).isEmpty();
        assertThat(RelayChecks.warnings(List.of(relay("smtp.example.org", "*")), "https://mail.example.com"))
                .singleElement().asString().contains("trusts any TLS certificate");
        assertThat(RelayChecks.warnings(List.of(relay("smtp.example.org", "smtp.example.org")),
                "https://mail.example.com")).isEmpty();
    }

    private static RelaySettings relay(String host, String trust) {
        return new RelaySettings("main", host, 587, null, null, SmtpSecurity.STARTTLS, null, 1, trust);
    }
}
