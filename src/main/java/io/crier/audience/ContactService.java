package io.crier.audience;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.shared.ApiException;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;

/** Contacts one at a time: create, read, update by id or by email, delete, and listings. */
@Service
class ContactService {

    static final String ALREADY_EXISTS = "CONTACT_ALREADY_EXISTS";

    private final ContactRepository contacts;
    private final MembershipRepository members;
    private final ListService lists;
    private final ConsentRepository consents;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ContactService(ContactRepository contacts, MembershipRepository members, ListService lists,
            ConsentRepository consents, TransactionTemplate transaction, Clock clock) {
        this.contacts = contacts;
        this.members = members;
        this.lists = lists;
        this.consents = consents;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The contact created and whether it is new: an upsert may also have updated an existing one. */
    record Saved(Contact contact, boolean created) {
    }

    @Transactional
    Contact create(UUID workspaceId, JsonNode body) {
        ContactInput input = read(body, true);
        List<UUID> listIds = lists.require(workspaceId, "listIds", input.listIds());
        if (contacts.findByEmail(workspaceId, input.email()).isPresent()) {
            throw emailTaken();
        }
        Instant now = Timestamps.now(clock);
        Contact contact = input.create(Ids.newId(), workspaceId, now);
        try {
            contacts.insert(contact);
        } catch (DuplicateKeyException createdMeanwhile) {
            throw emailTaken();
        }
        members.add(listIds, List.of(contact.id()), now);
        return withListIds(contact);
    }

    Contact get(UUID workspaceId, String id) {
        return withListIds(find(workspaceId, id));
    }

    /** The contact's consent records, oldest first. */
    List<ConsentRecord> consents(UUID workspaceId, String id) {
        return consents.of(find(workspaceId, id).id());
    }

    /** Creates the contact with the body's email, or updates it if one exists. */
    Saved upsertByEmail(UUID workspaceId, JsonNode body) {
        ContactInput input = read(body, true);
        List<UUID> listIds = lists.require(workspaceId, "listIds", input.listIds());
        try {
            return transaction.execute(status -> upsert(workspaceId, input, listIds));
        } catch (DuplicateKeyException createdMeanwhile) {
            // Another request created this email between our look-up and insert: now it is an update.
            return transaction.execute(status -> upsert(workspaceId, input, listIds));
        }
    }

    @Transactional
    Contact update(UUID workspaceId, String id, JsonNode body) {
        ContactInput input = read(body, false);
        Contact current = find(workspaceId, id);
        List<UUID> listIds = lists.require(workspaceId, "listIds", input.listIds());
        if (input.email() != null && contacts.findByEmail(workspaceId, input.email())
                .filter(other -> !other.id().equals(current.id())).isPresent()) {
            throw emailTaken();
        }
        Instant now = Timestamps.now(clock);
        Contact updated = fitting(input.applyTo(current, now));
        try {
            contacts.update(updated);
        } catch (DuplicateKeyException takenMeanwhile) {
            throw emailTaken();
        }
        members.add(listIds, List.of(updated.id()), now);
        return withListIds(updated);
    }

    void delete(UUID workspaceId, String id) {
        if (!Ids.parse(id).map(contactId -> contacts.delete(workspaceId, contactId)).orElse(false)) {
            throw notFound();
        }
    }

    /** AutoSend's remove by address: deletes the workspace's contacts with these addresses, and says which. */
    @Transactional
    List<UUID> deleteByEmails(UUID workspaceId, List<String> emails) {
        return contacts.deleteAll(workspaceId,
                contacts.idsByEmail(workspaceId, EmailAddresses.requireAll("emails", emails)).values());
    }

    /** A listing filtered by the query parameters; {@code listId} must name a list of the workspace. */
    Map<String, Object> list(UUID workspaceId, String listId, String email, String search, PageQuery query) {
        UUID list = listId == null ? null : lists.require(workspaceId, "listId", listId);
        return page(workspaceId, new ContactFilter(list, email, search), query);
    }

    Map<String, Object> page(UUID workspaceId, ContactFilter filter, PageQuery query) {
        List<Contact> page = contacts.page(workspaceId, filter, query.offset(), query.limit());
        Map<UUID, List<Subscription>> memberships = members.subscriptionsByContact(
                page.stream().map(Contact::id).toList());
        List<Contact> shown = page.stream()
                .map(contact -> contact.withSubscriptions(memberships.getOrDefault(contact.id(), List.of())))
                .toList();
        return query.result("contacts", shown, contacts.count(workspaceId, filter));
    }

    private Saved upsert(UUID workspaceId, ContactInput input, List<UUID> listIds) {
        Instant now = Timestamps.now(clock);
        Contact existing = contacts.findByEmail(workspaceId, input.email()).orElse(null);
        Contact saved;
        if (existing == null) {
            saved = input.create(Ids.newId(), workspaceId, now);
            contacts.insert(saved);
        } else {
            saved = fitting(input.applyTo(existing, now));
            contacts.update(saved);
        }
        members.add(listIds, List.of(saved.id()), now);
        return new Saved(withListIds(saved), existing == null);
    }

    private static ContactInput read(JsonNode body, boolean emailRequired) {
        ContactJson.Parsed parsed = ContactJson.read(body, "body", emailRequired);
        if (!parsed.isValid()) {
            throw ApiException.invalid(parsed.problems());
        }
        return parsed.input();
    }

    /** A merge may grow custom fields past what one request could give. */
    private static Contact fitting(Contact contact) {
        if (!contact.customFieldsFit()) {
            throw ApiException.invalid("customFields", Contact.CUSTOM_FIELDS_TOO_LONG);
        }
        return contact;
    }

    private Contact find(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(contactId -> contacts.find(workspaceId, contactId))
                .orElseThrow(ContactService::notFound);
    }

    private Contact withListIds(Contact contact) {
        return contact.withSubscriptions(members.subscriptionsByContact(List.of(contact.id()))
                .getOrDefault(contact.id(), List.of()));
    }

    static ApiException notFound() {
        return ApiException.notFound("CONTACT", "Contact");
    }

    private static ApiException emailTaken() {
        return new ApiException(HttpStatus.CONFLICT, ALREADY_EXISTS, "A contact with this email already exists",
                List.of(new FieldProblem("email", "is already used by another contact")));
    }
}
