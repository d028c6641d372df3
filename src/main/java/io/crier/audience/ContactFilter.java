package io.crier.audience;

import java.util.Locale;
import java.util.UUID;

/**
 * Which contacts a listing shows; a null part does not filter.
 *
 * @param listId   only members of this list (already known to be the workspace's)
 * @param email    this exact address, compared case-insensitively
 * @param search   a piece of the email, first or last name, compared case-insensitively
 * @param matching only contacts this condition holds for: a segment's
 */
record ContactFilter(UUID listId, String email, String search, AudienceCondition matching) {

    ContactFilter {
        email = blankToNull(email);
        search = blankToNull(search);
        if (email != null) {
            email = email.toLowerCase(Locale.ROOT);
        }
        if (search != null) {
            search = search.toLowerCase(Locale.ROOT);
        }
    }

    ContactFilter(UUID listId, String email, String search) {
        this(listId, email, search, null);
    }

    static ContactFilter members(UUID listId) {
        return new ContactFilter(listId, null, null);
    }

    static ContactFilter matching(AudienceCondition condition) {
        return new ContactFilter(null, null, null, condition);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
