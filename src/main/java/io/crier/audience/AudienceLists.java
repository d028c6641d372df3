package io.crier.audience;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** What other modules may ask about lists and segments. */
@Service
public class AudienceLists {

    private final ListRepository lists;
    private final ListCounts counts;
    private final SegmentCompiler segments;

    AudienceLists(ListRepository lists, ListCounts counts, SegmentCompiler segments) {
        this.lists = lists;
        this.counts = counts;
        this.segments = segments;
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
}
