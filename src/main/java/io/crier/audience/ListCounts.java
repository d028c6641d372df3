package io.crier.audience;

import org.springframework.stereotype.Component;

/** A segment's contact count: how many of the workspace's contacts its filter matches now (a list's is its members'). */
@Component
class ListCounts {

    private final ContactRepository contacts;
    private final SegmentCompiler segments;

    ListCounts(ContactRepository contacts, SegmentCompiler segments) {
        this.contacts = contacts;
        this.segments = segments;
    }

    ContactList counted(ContactList list) {
        return list.isSegment() ? list.counted(contacts.count(list.workspaceId(), filter(list))) : list;
    }

    /** The contacts of the list or segment. */
    ContactFilter filter(ContactList list) {
        return list.isSegment() ? ContactFilter.matching(segments.members(list)) : ContactFilter.members(list.id());
    }
}
