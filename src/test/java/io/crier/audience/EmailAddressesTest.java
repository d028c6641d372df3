package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "Ada@Example.com, ada@example.com",
            "'  padded@example.org ', padded@example.org",
            "first.last+tag@sub.domain.co.uk, first.last+tag@sub.domain.co.uk",
            "o'brien@example.ie, o'brien@example.ie",
            "x@xn--bcher-kva.example, x@xn--bcher-kva.example",
            "user@my-host.example, user@my-host.example"})
    void validAddressesAreTrimmedAndLowerCased(String raw, String stored) {
        assertThat(EmailAddresses.normalize(raw)).contains(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@example.com",
            ".a@example.com", "a.@example.com", "a..b@example.com", "a@-example.com", "a@example-.com",
            "a@example.c", "a@example.123", "a@exa_mple.com", "\"quoted\"@example.com", "a@[127.0.0.1]"})
    void invalidAddressesAreRefused(String raw) {
        assertThat(EmailAddresses.normalize(raw)).isEmpty();
    }

    @Test
    void lengthLimitsOfSmtpApply() {
        String local64 = "l".repeat(64);
        assertThat(EmailAddresses.normalize(local64 + "@example.com")).isPresent();
        assertThat(EmailAddresses.normalize(local64 + "l@example.com")).isEmpty();
        String domain = ("d".repeat(61) + ".").repeat(4) + "com";
        assertThat(EmailAddresses.normalize("a@" + domain)).as("249 characters").isPresent();
        assertThat(EmailAddresses.normalize("abcdef@" + domain)).as("255 characters").isEmpty();
        assertThat(EmailAddresses.normalize("a@" + "d".repeat(64) + ".com")).as("a 64-character label").isEmpty();
        assertThat(EmailAddresses.normalize(null)).isEmpty();
    }
}
