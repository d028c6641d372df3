package io.crier.feedback.hooks;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** A mail provider whose webhook reports bounces and complaints, as its path segment names it. */
public enum HookProvider implements WireValue {
    /** Amazon SES, its notifications delivered by SNS. */
    SES("ses"),
    SENDGRID("sendgrid"),
    POSTMARK("postmark"),
    MAILGUN("mailgun");

    private final String wire;

    HookProvider(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static HookProvider of(String value) {
        return WireValue.parse(HookProvider.class, value);
    }

    /** The provider a hook URL's path names, if any. */
    static Optional<HookProvider> named(String value) {
        return Arrays.stream(values()).filter(provider -> provider.wire.equals(value)).findFirst();
    }
}
