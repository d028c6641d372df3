package io.crier.feedback.mailbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/**
 * How a mailbox connection is protected: TLS from the start ({@code ssl}), upgraded with STARTTLS
 * (required: a server that does not offer it is not logged in to), or not at all ({@code none}).
 */
enum MailSecurity implements WireValue {
    SSL("ssl"),
    STARTTLS("starttls"),
    NONE("none");

    private final String wire;

    MailSecurity(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    static MailSecurity of(String value) {
        return WireValue.parse(MailSecurity.class, value);
    }
}
