package io.crier.audience;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.shared.Ids;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What other modules may ask about single contacts. */
@Service
public class AudienceContacts {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final ContactRepository contacts;
    private final JsonMapper json;

    AudienceContacts(ContactRepository contacts, JsonMapper json) {
        this.contacts = contacts;
        this.json = json;
    }

    /** The workspace's contact with this id; empty for an id of no contact in this workspace. */
    public Optional<ContactDetails> byId(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(contactId -> contacts.find(workspaceId, contactId)).map(this::details);
    }

    /** The workspace's contact with this address, however it is spelled; empty if there is none. */
    public Optional<ContactDetails> byEmail(UUID workspaceId, String email) {
        return EmailAddresses.normalize(email).flatMap(normalized -> contacts.findByEmail(workspaceId, normalized))
                .map(this::details);
    }

    private ContactDetails details(Contact contact) {
        return new ContactDetails(contact.id(), contact.email(), contact.firstName(), contact.lastName(),
                contact.userId(), json.convertValue(contact.customFields(), FIELDS));
    }
}
