package io.crier.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;

/**
 * Turns list ids a caller gave into lists of the caller's workspace. An id of another workspace's
 * list gets the same answer as an id of no list at all. Remembers what it has looked up, so an
 * import asks the database about each list once, not once per row.
 */
final class ListLookup {

    /** Enough for any real import; an import naming more distinct ids only costs extra queries. */
    private static final int MAX_REMEMBERED = 10_000;

    static final String NOT_A_LIST = "is not the id of a list";

    private final UUID workspaceId;
    private final ListRepository lists;
    private final Map<UUID, Boolean> exists = new HashMap<>();

    ListLookup(UUID workspaceId, ListRepository lists) {
        this.workspaceId = workspaceId;
        this.lists = lists;
    }

    /** The lists found, without repeats, and a problem naming {@code field[i]} for each id that is not one. */
    record Resolved(List<UUID> ids, List<FieldProblem> problems) {
    }

    Resolved resolve(String field, List<String> rawIds) {
        List<Optional<UUID>> parsed = rawIds.stream().map(Ids::parse).toList();
        remember(parsed);
        Set<UUID> found = new LinkedHashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Optional<UUID> id = parsed.get(i).filter(exists::get);
            if (id.isPresent()) {
                found.add(id.get());
            } else {
                problems.add(new FieldProblem(field + "[" + i + "]", NOT_A_LIST));
            }
        }
        return new Resolved(List.copyOf(found), problems);
    }

    /**
     * The comma-separated list ids of a {@code listIds} query or form parameter; null or blank
     * names none, more than {@value ContactJson#MAX_LIST_IDS} are refused.
     */
    static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        List<String> ids = Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
        if (ids.size() > ContactJson.MAX_LIST_IDS) {
            throw ApiException.invalid("listIds", ContactJson.TOO_MANY_LIST_IDS);
        }
        return ids;
    }

    private void remember(List<Optional<UUID>> ids) {
        Set<UUID> unknown = new LinkedHashSet<>();
        ids.forEach(id -> id.filter(candidate -> !exists.containsKey(candidate)).ifPresent(unknown::add));
        if (unknown.isEmpty()) {
            return;
        }
        if (exists.size() + unknown.size() > MAX_REMEMBERED) {
            exists.clear();
        }
        Set<UUID> existing = lists.existingIds(workspaceId, unknown);
        unknown.forEach(id -> exists.put(id, existing.contains(id)));
    }
}
