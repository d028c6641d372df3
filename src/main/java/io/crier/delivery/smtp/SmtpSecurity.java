package io.crier.delivery.smtp;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a relay connection is protected: plain, upgraded with STARTTLS, or TLS from the first byte. */
public enum SmtpSecurity {
    NONE, STARTTLS, TLS;

    @JsonValue
    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
