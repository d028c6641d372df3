package io.crier.audience;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists and segments alike, for {@code /v1/contact-lists}. A segment's filter is checked when it
 * is written: its rules ({@link SegmentFilterReader}), the lists and segments they and its parent
 * name (the workspace's own), and that it does not come back to itself through them.
 */
@Service
class ContactListService {

    private static final String FILTER = "filterCriteria";
    private static final String PARENT = "parentListId";

    private final ListService lists;
    private final ListRepository repository;
    private final ListCounts counts;
    private final SegmentCompiler segments;
    private final ContactService contacts;
    private final JsonMapper json;
    private final Clock clock;

    ContactListService(ListService lists, ListRepository repository, ListCounts counts, SegmentCompiler segments,
            ContactService contacts, JsonMapper json, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.counts = counts;
        this.segments = segments;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    ContactListView create(UUID workspaceId, JsonNode body) {
        requireObject(body);
        List<FieldProblem> problems = new ArrayList<>();
        Change<String> name = JsonFields.text(body, "name", ListService.MAX_NAME_LENGTH, problems);
        Change<String> description = JsonFields.text(body, "description", ListService.MAX_DESCRIPTION_LENGTH, problems);
        if (name.value() == null) {
            problems.add(new FieldProblem("name", "must not be blank"));
        }
        String type = type(body.get("type"), problems);
        Definition definition = definition(workspaceId, type, body, new Definition(null, null), problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Instant now = Timestamps.now(clock);
        ContactList list = new ContactList(Ids.newId(), workspaceId, name.value(), description.applyTo(null), 0,
                false, true, null, now, now, type, definition.filter(), definition.parent());
        requireFewEnoughValues(list);
        repository.insert(list);
        return view(list);
    }

    ContactListView get(UUID workspaceId, String id) {
        return view(find(workspaceId, id));
    }

    Map<String, Object> page(UUID workspaceId, String type, PageQuery query) {
        if (type != null && !type.equals(ContactList.LIST) && !type.equals(ContactList.SEGMENT)) {
            throw ApiException.invalid("type", "must be list or segment");
        }
        return query.result("contactLists", repository.page(workspaceId, type, query.offset(), query.limit())
                .stream().map(this::view).toList(), repository.count(workspaceId, type));
    }

    /** Changes what the body gives: name, description and, of a segment, its filter and parent (null: none). */
    @Transactional
    ContactListView update(UUID workspaceId, String id, JsonNode body) {
        requireObject(body);
        ContactList current = find(workspaceId, id);
        List<FieldProblem> problems = new ArrayList<>();
        Change<String> name = JsonFields.text(body, "name", ListService.MAX_NAME_LENGTH, problems);
        Change<String> description = JsonFields.text(body, "description", ListService.MAX_DESCRIPTION_LENGTH, problems);
        if (name.given() && name.value() == null) {
            problems.add(new FieldProblem("name", "must not be blank"));
        }
        if (body.has("type") && !current.type().equals(type(body.get("type"), problems))) {
            problems.add(new FieldProblem("type", "cannot change: create a new list or segment instead"));
        }
        Definition definition = definition(workspaceId, current.type(), body,
                new Definition(current.filterCriteria(), current.parentListId()), problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        ContactList updated = current.renamed(name, description, Timestamps.now(clock))
                .refiltered(definition.filter(), definition.parent());
        if (updated.isSegment() && segments.refersToItself(updated)) {
            throw ApiException.invalid(FILTER, "must not name this segment, in its rules or its parent's,"
                    + " or a segment that does");
        }
        requireFewEnoughValues(updated);
        repository.update(updated);
        return view(updated);
    }

    @Transactional
    void delete(UUID workspaceId, String id) {
        lists.delete(find(workspaceId, id));
    }

    /** The contacts of the list, or those the segment matches now, with their count. */
    Map<String, Object> contacts(UUID workspaceId, String id, PageQuery query) {
        return contacts.page(workspaceId, counts.filter(find(workspaceId, id)), query);
    }

    /**
     * The contacts a filter (and parent) the body gives would match now, with their count, as a
     * segment saved with them would: checked as a segment's are, and nothing is written.
     */
    Map<String, Object> preview(UUID workspaceId, JsonNode body, PageQuery query) {
        requireObject(body);
        List<FieldProblem> problems = new ArrayList<>();
        Definition definition = definition(workspaceId, ContactList.SEGMENT, body, new Definition(null, null),
                problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Instant now = Timestamps.now(clock);
        ContactList unsaved = new ContactList(Ids.newId(), workspaceId, "Preview", null, 0, false, true, null, now,
                now, ContactList.SEGMENT, definition.filter(), definition.parent());
        requireFewEnoughValues(unsaved);
        return contacts.page(workspaceId, counts.filter(unsaved), query);
    }

    private ContactList find(UUID workspaceId, String id) {
        return lists.find(workspaceId, id).orElseThrow(ListService::notFound);
    }

    private ContactListView view(ContactList list) {
        ContactList counted = counts.counted(list);
        return new ContactListView(counted.id(), counted.name(), counted.description(), counted.type(),
                counted.filterCriteria() == null ? null : json.readTree(counted.filterCriteria()),
                counted.parentListId(), counted.contactCount(), counted.createdAt(), counted.updatedAt());
    }

    /** A segment's filter (JSON text) and parent. */
    private record Definition(String filter, UUID parent) {
    }

    /** The filter and parent the body gives, checked, or else the current ones; a list has neither. */
    private Definition definition(UUID workspaceId, String type, JsonNode body, Definition current,
            List<FieldProblem> problems) {
        if (!ContactList.SEGMENT.equals(type)) {
            for (String field : List.of(FILTER, PARENT)) {
                if (body.has(field) && !body.get(field).isNull()) {
                    problems.add(new FieldProblem(field, "is only for a segment (type \"segment\")"));
                }
            }
            return current;
        }
        String filter = current.filter();
        JsonNode given = body.get(FILTER);
        if (given != null || filter == null) {
            filter = given == null || given.isNull() ? null : filter(workspaceId, given, problems);
            if (given == null || given.isNull()) {
                problems.add(new FieldProblem(FILTER, "is required for a segment"));
            }
        }
        UUID parent = current.parent();
        JsonNode parentGiven = body.get(PARENT);
        if (parentGiven != null) {
            parent = parentGiven.isNull() ? null : named(workspaceId, parentGiven.isString()
                    ? parentGiven.stringValue() : "", PARENT, problems);
        }
        return new Definition(filter, parent);
    }

    /** The filter as stored, once its rules and the lists they name are checked. */
    private String filter(UUID workspaceId, JsonNode given, List<FieldProblem> problems) {
        SegmentFilterReader.Read read = SegmentFilterReader.read(given, FILTER);
        problems.addAll(read.problems());
        if (!read.problems().isEmpty()) {
            return null;
        }
        Set<UUID> found = Set.copyOf(repository.findAll(workspaceId, read.listsNamed().values()).stream()
                .map(ContactList::id).toList());
        read.listsNamed().forEach((path, id) -> {
            if (!found.contains(id)) {
                problems.add(new FieldProblem(path, "is not the id of a list or segment of this workspace"));
            }
        });
        return given.toString();
    }

    private UUID named(UUID workspaceId, String rawId, String field, List<FieldProblem> problems) {
        UUID id = Ids.parse(rawId).filter(candidate -> !repository.findAll(workspaceId, Set.of(candidate)).isEmpty())
                .orElse(null);
        if (id == null) {
            problems.add(new FieldProblem(field, "is not the id of a list or segment of this workspace"));
        }
        return id;
    }

    private static String type(JsonNode type, List<FieldProblem> problems) {
        if (type == null || type.isNull()) {
            return ContactList.LIST;
        }
        if (type.isString() && (type.stringValue().equals(ContactList.LIST)
                || type.stringValue().equals(ContactList.SEGMENT))) {
            return type.stringValue();
        }
        problems.add(new FieldProblem("type", "must be \"list\" or \"segment\""));
        return null;
    }

    /** With the segments it names, a segment's query binds at most so many values (PostgreSQL takes 65,535). */
    private void requireFewEnoughValues(ContactList list) {
        if (list.isSegment() && segments.members(list).params().size() > SegmentCompiler.MAX_PARAMETERS) {
            throw ApiException.invalid(FILTER, "with the segments it names, must compare with at most "
                    + SegmentCompiler.MAX_PARAMETERS + " values");
        }
    }

    private static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
    }
}
