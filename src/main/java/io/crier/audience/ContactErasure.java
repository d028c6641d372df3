package io.crier.audience;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.crier.shared.Ids;

/**
 * A contact's GDPR export and erasure: finds the workspace's contact by id (another workspace's id
 * is not found) and asks every module's {@link PersonalData} about its address.
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
        String email = email(workspaceId, id);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("email", email);
        modules.forEach(module -> export.putAll(module.export(workspaceId, email)));
        return export;
    }

    /** Erases everything about the address at once: a failure part way leaves all of it in place. */
    @Transactional
    void erase(UUID workspaceId, String id) {
        String email = email(workspaceId, id);
        modules.forEach(module -> module.erase(workspaceId, email));
    }

    private String email(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(contactId -> contacts.find(workspaceId, contactId)).map(Contact::email)
                .orElseThrow(ContactService::notFound);
    }
}
