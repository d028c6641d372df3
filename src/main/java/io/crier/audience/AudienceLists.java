package io.crier.audience;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Timestamps;

/** What other modules may ask about lists. */
@Service
public class AudienceLists {

    private final ListRepository lists;
    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final Clock clock;

    AudienceLists(ListRepository lists, ContactRepository contacts, MembershipRepository members, Clock clock) {
        this.lists = lists;
        this.contacts = contacts;
        this.members = members;
        this.clock = clock;
    }

    /** The workspace's lists among {@code ids}, keyed by id; ids of no list in this workspace are absent. */
    public Map<UUID, ListSummary> find(UUID workspaceId, Collection<UUID> ids) {
        Map<UUID, ListSummary> found = new LinkedHashMap<>();
        lists.findAll(workspaceId, ids).forEach(list ->
                found.put(list.id(), new ListSummary(list.id(), list.name(), list.contactCount())));
        return found;
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
