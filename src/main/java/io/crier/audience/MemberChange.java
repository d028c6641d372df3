package io.crier.audience;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Contacts to add to or remove from a list, by id, by email or both. Larger sets go through
 * the bulk import, which also adds to lists.
 */
record MemberChange(@Size(max = MAX_PER_CALL) List<@NotNull String> contactIds,
        @Size(max = MAX_PER_CALL) List<@NotNull String> emails) {

    static final int MAX_PER_CALL = 1000;

    MemberChange {
        contactIds = contactIds == null ? List.of() : contactIds;
        emails = emails == null ? List.of() : emails;
    }

    boolean isEmpty() {
        return contactIds.isEmpty() && emails.isEmpty();
    }

    record Added(int added, int alreadyMembers, List<String> notFound) {
    }

    record Removed(int removed, int notMembers, List<String> notFound) {
    }

    /** Members whose status to set, as {@link MemberChange} names them, and the status. */
    record StatusChange(@Size(max = MAX_PER_CALL) List<@NotNull String> contactIds,
            @Size(max = MAX_PER_CALL) List<@NotNull String> emails, String status) {

        MemberChange members() {
            return new MemberChange(contactIds, emails);
        }
    }

    /** How many members' status changed, how many had it already, and which are no members. */
    record StatusSet(int updated, int unchanged, List<String> notMembers, List<String> notFound) {
    }
}
