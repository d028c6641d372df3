package io.crier.audience;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** What other modules may ask about lists. */
@Service
public class AudienceLists {

    private final ListRepository lists;

    AudienceLists(ListRepository lists) {
        this.lists = lists;
    }

    /** The workspace's lists among {@code ids}, keyed by id; ids of no list in this workspace are absent. */
    public Map<UUID, ListSummary> find(UUID workspaceId, Collection<UUID> ids) {
        Map<UUID, ListSummary> found = new LinkedHashMap<>();
        lists.findAll(workspaceId, ids).forEach(list ->
                found.put(list.id(), new ListSummary(list.id(), list.name(), list.contactCount())));
        return found;
    }
}
