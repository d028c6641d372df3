package io.crier.audience;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An unsubscribe group, AutoSend's suppression group: a kind of mail a recipient can leave ("product
 * news") while keeping the others. Its leavers are the members of its list whose status there is
 * {@code unsubscribed}. {@code isGlobal} is always false: Crier's global group is the workspace's
 * suppression list ({@code /v1/suppressions}).
 */
record UnsubscribeGroup(UUID id, @JsonIgnore UUID workspaceId, String name, String description, boolean isActive,
        UUID listId, Instant createdAt, Instant updatedAt) {

    public boolean isGlobal() {
        return false;
    }

    UnsubscribeGroup changed(String newName, String newDescription, boolean active, Instant now) {
        return new UnsubscribeGroup(id, workspaceId, newName, newDescription, active, listId, createdAt, now);
    }
}
