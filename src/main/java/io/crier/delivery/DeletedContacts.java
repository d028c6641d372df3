package io.crier.delivery;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.audience.ContactsDeleting;

/**
 * The ledger keeps a deleted contact's mail, without the contact: from then on that mail is found
 * by its address, as transactional mail is ({@link DeliveriesToAddress}). A foreign key's
 * {@code on delete set null} did this once; on H2 the key's own index cost every claim and every
 * outcome one more B-tree to rewrite (db/vendor/h2/V47), so the ledger does it itself, on both databases.
 */
@Component
class DeletedContacts {

    private final JdbcClient jdbc;

    DeletedContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void keepTheirMail(ContactsDeleting deleting) {
        jdbc.sql("update delivery set contact_id = null where contact_id in (:contactIds) and workspace_id = :workspaceId")
                .param("contactIds", deleting.contactIds())
                .param("workspaceId", deleting.workspaceId())
                .update();
    }
}
