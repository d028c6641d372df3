package io.crier.audience;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a segment's event rule asks about a contact: that it was sent, opened, clicked, bounced or unsubscribed. */
public enum ContactEvent {
    SENT, OPENED, CLICKED, BOUNCED, UNSUBSCRIBED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ContactEvent> fromWire(String wire) {
        return Arrays.stream(values()).filter(event -> event.wire().equals(wire)).findFirst();
    }
}
