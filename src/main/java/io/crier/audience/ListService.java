package io.crier.audience;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;

/** Lists of contacts and who is in them. */
@Service
class ListService {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 1000;

    private final ListRepository lists;
    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ListService(ListRepository lists, ContactRepository contacts, MembershipRepository members,
            ApplicationEventPublisher events, Clock clock) {
        this.lists = lists;
        this.contacts = contacts;
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    /** A new list with the body's settings: private, double opt-in once public, unless it says otherwise. */
    ContactList create(UUID workspaceId, JsonNode body) {
        ContactList.Settings settings = settings(body);
        if (settings.name().value() == null) {
            throw ApiException.invalid("name", "must not be blank");
        }
        return create(workspaceId, settings);
    }

    ContactList create(UUID workspaceId, String name, String description) {
        String trimmedDescription = description == null || description.isBlank() ? null : description.trim();
        return create(workspaceId, new ContactList.Settings(Change.to(name.trim()), Change.to(trimmedDescription),
                Change.keep(), Change.keep(), Change.keep()));
    }

    private ContactList create(UUID workspaceId, ContactList.Settings settings) {
        Instant now = Timestamps.now(clock);
        ContactList list = new ContactList(Ids.newId(), workspaceId, null, null, 0, false, true, null, now, now,
                ContactList.LIST, null, null)
                .changed(settings, now);
        lists.insert(list);
        return list;
    }

    /** The workspace's list (not segment) with this id, or 404. */
    ContactList get(UUID workspaceId, String id) {
        return find(workspaceId, id).filter(list -> !list.isSegment()).orElseThrow(ListService::notFound);
    }

    Map<String, Object> page(UUID workspaceId, PageQuery query) {
        return query.result("lists", lists.page(workspaceId, ContactList.LIST, query.offset(), query.limit()),
                lists.count(workspaceId, ContactList.LIST));
    }

    /** Changes the settings the body gives; a null description or consent text clears it. */
    @Transactional
    ContactList update(UUID workspaceId, String id, JsonNode body) {
        ContactList.Settings settings = settings(body);
        ContactList updated = get(workspaceId, id).changed(settings, Timestamps.now(clock));
        lists.update(updated);
        return updated;
    }

    private static ContactList.Settings settings(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Change<String> name = JsonFields.text(body, "name", MAX_NAME_LENGTH, problems);
        Change<String> description = JsonFields.text(body, "description", MAX_DESCRIPTION_LENGTH, problems);
        Change<Boolean> publicForm = JsonFields.flag(body, "publicForm", problems);
        Change<Boolean> doubleOptIn = JsonFields.flag(body, "doubleOptIn", problems);
        Change<String> consentText = JsonFields.text(body, "consentText", ContactList.MAX_CONSENT_TEXT_LENGTH,
                problems);
        if (name.given() && name.value() == null) {
            problems.add(new FieldProblem("name", "must not be blank"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new ContactList.Settings(name, description, publicForm, doubleOptIn, consentText);
    }

    /**
     * Deletes the list or segment, unless a segment names it (409) or a listener to
     * {@link ListDeleting} refuses.
     */
    @Transactional
    void delete(ContactList list) {
        List<String> naming = lists.segmentsNaming(list.workspaceId(), list.id());
        if (!naming.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The " + list.type() + " is named by "
                    + naming.size() + " segment(s) (" + String.join(", ", naming.subList(0, Math.min(3, naming.size())))
                    + "): change or delete them first");
        }
        events.publishEvent(new ListDeleting(list.workspaceId(), list.id()));
        if (!lists.delete(list.workspaceId(), list.id())) {
            throw notFound();
        }
    }

    @Transactional
    MemberChange.Added addMembers(UUID workspaceId, String id, MemberChange change) {
        ContactList list = get(workspaceId, id);
        Selection selected = select(workspaceId, change);
        // Locked, so none is deleted before its membership is counted: H2's foreign key check does
        // not wait for a delete, and PostgreSQL's would refuse the call. One deleted meanwhile is skipped.
        List<UUID> present = contacts.lock(workspaceId, selected.ids());
        int added = members.add(List.of(list.id()), present, Timestamps.now(clock));
        return new MemberChange.Added(added, present.size() - added, selected.notFound());
    }

    @Transactional
    MemberChange.Removed removeMembers(UUID workspaceId, String id, MemberChange change) {
        ContactList list = get(workspaceId, id);
        Selection selected = select(workspaceId, change);
        int removed = members.remove(list.id(), selected.ids());
        return new MemberChange.Removed(removed, selected.ids().size() - removed, selected.notFound());
    }

    /** Sets the status of the members named; contacts that are not members of the list stay so. */
    @Transactional
    MemberChange.StatusSet setStatus(UUID workspaceId, String id, MemberChange.StatusChange change) {
        SubscriptionStatus status = settableStatus(change.status());
        ContactList list = get(workspaceId, id);
        Selection selected = select(workspaceId, change.members());
        Map<UUID, SubscriptionStatus> current = members.statusOn(list.id(), selected.ids());
        int updated = members.setStatus(list.id(), current.keySet(), status, Timestamps.now(clock));
        List<String> notMembers = selected.ids().stream().filter(contact -> !current.containsKey(contact))
                .map(UUID::toString).toList();
        return new MemberChange.StatusSet(updated, current.size() - updated, notMembers, selected.notFound());
    }

    private static SubscriptionStatus settableStatus(String raw) {
        if (raw == null) {
            throw ApiException.invalid("status", "is required");
        }
        if (SubscriptionStatus.SUBSCRIBED.wire().equals(raw)) {
            return SubscriptionStatus.SUBSCRIBED;
        }
        if (SubscriptionStatus.UNSUBSCRIBED.wire().equals(raw)) {
            return SubscriptionStatus.UNSUBSCRIBED;
        }
        throw ApiException.invalid("status", "must be one of: subscribed, unsubscribed"
                + " (unconfirmed is set only by a double opt-in form)");
    }

    ListLookup lookup(UUID workspaceId) {
        return new ListLookup(workspaceId, lists);
    }

    /** The lists these ids name, or a 400 naming {@code field[i]} for each one that is not a list. */
    List<UUID> require(UUID workspaceId, String field, List<String> rawIds) {
        ListLookup.Resolved resolved = lookup(workspaceId).resolve(field, rawIds);
        if (!resolved.problems().isEmpty()) {
            throw ApiException.invalid(resolved.problems());
        }
        return resolved.ids();
    }

    /** The list this id names, or a 400 naming {@code field} if it is not a list of the workspace. */
    UUID require(UUID workspaceId, String field, String rawId) {
        return Ids.parse(rawId)
                .filter(id -> lists.existingIds(workspaceId, Set.of(id)).contains(id))
                .orElseThrow(() -> ApiException.invalid(field, ListLookup.NOT_A_LIST));
    }

    /** The workspace's list or segment with this id. */
    Optional<ContactList> find(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(listId -> lists.find(workspaceId, listId));
    }

    /** The workspace's contacts a change names, and what it names that is no contact of the workspace. */
    private record Selection(Set<UUID> ids, List<String> notFound) {
    }

    private Selection select(UUID workspaceId, MemberChange change) {
        if (change.isEmpty()) {
            throw ApiException.invalid("contactIds", "give at least one contact id or email");
        }
        Map<String, UUID> byGivenId = new LinkedHashMap<>();
        change.contactIds().forEach(given -> Ids.parse(given).ifPresent(id -> byGivenId.put(given, id)));
        Set<UUID> existing = contacts.existingIds(workspaceId, Set.copyOf(byGivenId.values()));

        Map<String, String> byGivenEmail = new LinkedHashMap<>();
        change.emails().forEach(given -> EmailAddresses.normalize(given)
                .ifPresent(email -> byGivenEmail.put(given, email)));
        Map<String, UUID> idsByEmail = contacts.idsByEmail(workspaceId, Set.copyOf(byGivenEmail.values()));

        Set<UUID> ids = new LinkedHashSet<>();
        Set<String> notFound = new LinkedHashSet<>();
        for (String given : change.contactIds()) {
            UUID id = byGivenId.get(given);
            if (id != null && existing.contains(id)) {
                ids.add(id);
            } else {
                notFound.add(given);
            }
        }
        for (String given : change.emails()) {
            UUID id = idsByEmail.get(byGivenEmail.get(given));
            if (id != null) {
                ids.add(id);
            } else {
                notFound.add(given);
            }
        }
        return new Selection(ids, List.copyOf(notFound));
    }

    static ApiException notFound() {
        return ApiException.notFound("LIST", "List");
    }
}
