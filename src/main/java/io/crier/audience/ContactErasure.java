package io.crier.audience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Ids;

/**
 * A contact's GDPR export and erasure: finds the workspace's contact by id (another workspace's id
 * is not found) and asks every module's {@link PersonalData} about its address, and about each
 * address it had before that no contact holds now. An address another contact holds now stays
 * with that contact, mail the first one got there included: mail belongs to its address.
 */
@Service
class ContactErasure {

    private final ContactRepository contacts;
    private final List<PersonalData> modules;

    ContactErasure(ContactRepository contacts, List<PersonalData> modules) {
        this.contacts = contacts;
        this.modules = modules;
    }

    Map<String, Object> export(UUID workspaceId, String id) {
        Contact contact = contact(workspaceId, id);
        Map<String, Object> export = sectionsOf(workspaceId, contact.email());
        List<Map<String, Object>> formerAddresses = contacts.unheldFormerAddresses(contact.id()).stream()
                .map(email -> sectionsOf(workspaceId, email)).toList();
        if (!formerAddresses.isEmpty()) {
            export.put("formerAddresses", formerAddresses);
        }
        return export;
    }

    /**
     * Erases everything about its addresses at once: a failure part way leaves all of it in place.
     * The addresses it left go first, since erasing its current one deletes the contact, and with it
     * the record of the addresses it had, through which the ledger finds the mail it got there.
     */
    @Transactional
    void erase(UUID workspaceId, String id) {
        Contact contact = contact(workspaceId, id);
        List<String> addresses = new ArrayList<>(contacts.unheldFormerAddresses(contact.id()));
        addresses.add(contact.email());
        addresses.forEach(email -> modules.forEach(module -> module.erase(workspaceId, email)));
    }

    private Map<String, Object> sectionsOf(UUID workspaceId, String email) {
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("email", email);
        modules.forEach(module -> sections.putAll(module.export(workspaceId, email)));
        return sections;
    }

    private Contact contact(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(contactId -> contacts.find(workspaceId, contactId))
                .orElseThrow(ContactService::notFound);
    }
}
