package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A list of contacts as {@code /v1/lists} shows it. It is a list, whose members are written, or a
 * segment ({@code /v1/contact-lists} shows those parts: {@link ContactListView}), whose members
 * its filter matches; for a segment {@code contactCount} is that of its matching contacts. A list
 * with {@code publicForm} takes sign-ups on its public form; with {@code doubleOptIn} they stay
 * unconfirmed until they follow the mailed link. {@code consentText} is what the form shows them
 * agreeing to (a default when null).
 *
 * @param filterCriteria a segment's filter as JSON text, as {@link SegmentFilterReader} read it; null for a list
 * @param parentListId   the list or segment whose members alone a sub-segment matches
 */
record ContactList(UUID id, @JsonIgnore UUID workspaceId, String name, String description, long contactCount,
        boolean publicForm, boolean doubleOptIn, String consentText, Instant createdAt, Instant updatedAt,
        @JsonIgnore String type, @JsonIgnore String filterCriteria, @JsonIgnore UUID parentListId) {

    static final String LIST = "list";
    static final String SEGMENT = "segment";
    static final int MAX_CONSENT_TEXT_LENGTH = 2000;

    @JsonIgnore
    boolean isSegment() {
        return SEGMENT.equals(type);
    }

    ListDefinition definition() {
        return new ListDefinition(id, type, filterCriteria, parentListId);
    }

    /** The consent text a form shows when the list names none. */
    String effectiveConsentText() {
        return consentText != null ? consentText
                : "Yes, send me " + name + " by email. I can unsubscribe at any time.";
    }

    ContactList renamed(Change<String> newName, Change<String> newDescription, Instant now) {
        return changed(new Settings(newName, newDescription, Change.keep(), Change.keep(), Change.keep()), now);
    }

    ContactList changed(Settings settings, Instant now) {
        return new ContactList(id, workspaceId, settings.name().applyTo(name),
                settings.description().applyTo(description), contactCount,
                settings.publicForm().applyTo(publicForm), settings.doubleOptIn().applyTo(doubleOptIn),
                settings.consentText().applyTo(consentText), createdAt, now, type, filterCriteria, parentListId);
    }

    ContactList refiltered(String newFilter, UUID newParent) {
        return new ContactList(id, workspaceId, name, description, contactCount, publicForm, doubleOptIn,
                consentText, createdAt, updatedAt, type, newFilter, newParent);
    }

    ContactList counted(long count) {
        return new ContactList(id, workspaceId, name, description, count, publicForm, doubleOptIn, consentText,
                createdAt, updatedAt, type, filterCriteria, parentListId);
    }

    /** The fields an update changes. */
    record Settings(Change<String> name, Change<String> description, Change<Boolean> publicForm,
            Change<Boolean> doubleOptIn, Change<String> consentText) {
    }
}
