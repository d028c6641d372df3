package io.crier.audience;

import java.util.UUID;

/**
 * What a list or segment is, as {@link SegmentCompiler} reads it: without the members' count,
 * which reads every member and which a campaign's snapshot, compiling its audience once per range,
 * does not need.
 */
record ListDefinition(UUID id, String type, String filterCriteria, UUID parentListId) {

    boolean isSegment() {
        return ContactList.SEGMENT.equals(type);
    }
}
