package io.crier.audience;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The contact itself, its custom fields and its status on each list, and its consent records.
 * Deleting the contact takes its memberships, consents and typed fields with it.
 */
@Component
class AudiencePersonalData implements PersonalData {

    private final ContactRepository contacts;
    private final ContactService service;
    private final ConsentRepository consents;

    AudiencePersonalData(ContactRepository contacts, ContactService service, ConsentRepository consents) {
        this.contacts = contacts;
        this.service = service;
        this.consents = consents;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        Map<String, Object> sections = new LinkedHashMap<>();
        contacts.findByEmail(workspaceId, email).ifPresent(contact -> {
            sections.put("contact", service.get(workspaceId, contact.id().toString()));
            sections.put("consents", consents.of(contact.id()));
        });
        return sections;
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        contacts.findByEmail(workspaceId, email).ifPresent(contact -> contacts.delete(workspaceId, contact.id()));
    }
}
