package io.crier.audience;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/** The consent records in SQL; callers pass contacts they found in the caller's workspace. */
@Repository
class ConsentRepository {

    private final JdbcClient jdbc;

    ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID workspaceId, UUID contactId, ConsentRecord record) {
        jdbc.sql("""
                insert into consent_record (id, workspace_id, contact_id, list_id, source, list_name, ip_address,
                    user_agent, consent_text, created_at, confirmed_at)
                values (:id, :workspaceId, :contactId, :listId, :source, :listName, :ipAddress, :userAgent,
                    :consentText, :createdAt, :confirmedAt)""")
                .param("id", record.id())
                .param("workspaceId", workspaceId)
                .param("contactId", contactId)
                .param("listId", record.listId())
                .param("source", record.source())
                .param("listName", record.listName())
                .param("ipAddress", record.ipAddress())
                .param("userAgent", record.userAgent())
                .param("consentText", record.consentText())
                .param("createdAt", Timestamps.toDb(record.createdAt()))
                .param("confirmedAt", Timestamps.toDb(record.confirmedAt()))
                .update();
    }

    /** Marks the contact's unconfirmed sign-ups to the list confirmed. */
    void confirm(UUID contactId, UUID listId, Instant at) {
        jdbc.sql("""
                update consent_record set confirmed_at = :at
                where contact_id = :contactId and list_id = :listId and confirmed_at is null""")
                .param("at", Timestamps.toDb(at))
                .param("contactId", contactId)
                .param("listId", listId)
                .update();
    }

    /** The contact's records, oldest first. */
    List<ConsentRecord> of(UUID contactId) {
        return jdbc.sql("select * from consent_record where contact_id = :contactId order by created_at, id")
                .param("contactId", contactId)
                .query((rs, row) -> new ConsentRecord(rs.getObject("id", UUID.class),
                        rs.getObject("list_id", UUID.class), rs.getString("list_name"), rs.getString("source"),
                        rs.getString("ip_address"), rs.getString("user_agent"), rs.getString("consent_text"),
                        Timestamps.read(rs, "created_at"), Timestamps.read(rs, "confirmed_at")))
                .list();
    }
}
