package io.crier.audience;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Timestamps;

/** What other modules may ask about lists and segments. */
@Service
public class AudienceLists {

    private final ListRepository lists;
    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ListCounts counts;
    private final SegmentCompiler segments;
    private final Clock clock;

    AudienceLists(ListRepository lists, ContactRepository contacts, MembershipRepository members, ListCounts counts,
            SegmentCompiler segments, Clock clock) {
        this.lists = lists;
        this.contacts = contacts;
        this.members = members;
        this.counts = counts;
        this.segments = segments;
        this.clock = clock;
    }

    /**
     * The workspace's lists and segments among {@code ids}, keyed by id; ids of none in this
     * workspace are absent. A segment's count is of the contacts it matches now.
     */
    public Map<UUID, ListSummary> find(UUID workspaceId, Collection<UUID> ids) {
        Map<UUID, ListSummary> found = new LinkedHashMap<>();
        lists.findAll(workspaceId, ids).stream().map(counts::counted).forEach(list ->
                found.put(list.id(), new ListSummary(list.id(), list.name(), list.type(), list.contactCount())));
        return found;
    }

    /**
     * True in SQL when the contact {@code c} is a member of a list or matches a segment among
     * {@code included}, and of none among {@code excluded}, as they stand now: a campaign's audience.
     */
    public AudienceCondition audience(UUID workspaceId, List<UUID> included, List<UUID> excluded) {
        return segments.audience(workspaceId, included, excluded);
    }

    /**
     * The workspace's contact with this (stored-form) address leaves these lists: its status on
     * each it is a member of becomes {@code unsubscribed}. Says on how many it changed; ids of no
     * list (a segment, say), or of lists it is not a member of, change nothing.
     */
    @Transactional
    public int leave(UUID workspaceId, String email, Collection<UUID> listIds) {
        return contacts.findByEmail(workspaceId, email)
                .map(contact -> members.setStatus(contact.id(), SubscriptionStatus.UNSUBSCRIBED, listIds,
                        Timestamps.now(clock)))
                .orElse(0);
    }
}
