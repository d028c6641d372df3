package io.crier.access;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.shared.WireValue;

/** What an API key may do. Each scope stands alone: {@code admin} does not imply {@code write}. */
public enum Scope implements WireValue {
    /** Read any object of the workspace. */
    READ("read"),
    /** Create, change and delete contacts, lists, templates and campaigns. */
    WRITE("write"),
    /** Start, pause, resume and abort campaigns. */
    SEND("send"),
    /** Manage API keys and create workspaces. */
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Scope of(String value) {
        return WireValue.parse(Scope.class, value);
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }
}
