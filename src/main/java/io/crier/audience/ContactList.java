package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A list of contacts as the API shows it. A list with {@code publicForm} takes sign-ups on its
 * public form; with {@code doubleOptIn} they stay unconfirmed until they follow the mailed link.
 * {@code consentText} is what the form shows them agreeing to (a default when null).
 */
record ContactList(UUID id, @JsonIgnore UUID workspaceId, String name, String description, long contactCount,
        boolean publicForm, boolean doubleOptIn, String consentText, Instant createdAt, Instant updatedAt) {

    static final int MAX_CONSENT_TEXT_LENGTH = 2000;

    /** The consent text a form shows when the list names none. */
    String effectiveConsentText() {
        return consentText != null ? consentText
                : "Yes, send me " + name + " by email. I can unsubscribe at any time.";
    }

    ContactList changed(Settings settings, Instant now) {
        return new ContactList(id, workspaceId, settings.name().applyTo(name),
                settings.description().applyTo(description), contactCount,
                settings.publicForm().applyTo(publicForm), settings.doubleOptIn().applyTo(doubleOptIn),
                settings.consentText().applyTo(consentText), createdAt, now);
    }

    /** The fields an update changes. */
    record Settings(Change<String> name, Change<String> description, Change<Boolean> publicForm,
            Change<Boolean> doubleOptIn, Change<String> consentText) {
    }
}
