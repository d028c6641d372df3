package io.crier.audience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.shared.ExportRows;

/**
 * The contact itself, its custom fields and its status on each list, and its consent records;
 * and which contacts had the address before. Deleting the contact takes its memberships, consents
 * and typed fields with it. Runs after the other modules' (no {@code @Order}): the ledger finds
 * mail sent to the address through the contacts that had it.
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
        List<Map<String, Object>> formerHolders = contacts.formerHolders(workspaceId, email);
        if (!formerHolders.isEmpty()) {
            sections.put("formerAddressOf", ExportRows.of(formerHolders));
        }
        return sections;
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        contacts.findByEmail(workspaceId, email).ifPresent(contact -> contacts.delete(workspaceId, contact.id()));
        contacts.forgetFormerHolders(workspaceId, email);
    }
}
