package io.crier.delivery;

import java.util.Collection;

import org.springframework.jdbc.support.SqlArrayValue;

import io.crier.audience.AudienceSql;

/**
 * A workspace's deliveries to an address, as SQL, for the ledger and the modules allowed to read
 * it. The ledger has no index by address, since a campaign's start would fill one in random order
 * (half of a million-recipient start's CPU on H2, docs/benchmarks.md). A delivery is found through
 * its contact instead, in {@code delivery_contact (contact_id, workspace_id, email)}, which a start
 * fills in the order of its ranges: the contacts that have or had the address (the audience's
 * {@link AudienceSql#holdersOf}), and the delivery's own address as well, since a contact's other
 * addresses got other mail. Deliveries without a contact (transactional mail, a deleted contact's)
 * sit under the null contact in the same index, found by workspace and address.
 */
public final class DeliveriesToAddress {

    private DeliveriesToAddress() {
    }

    /**
     * A select of the ids of the workspace's deliveries to any address in the array parameter
     * (bound with {@link #addresses}; stored, lower-cased form), each once.
     */
    public static String ids(String workspaceId, String addressesParam) {
        return """
                select x.id from unnest(%2$s) given(email)
                  join delivery x on x.contact_id is null and x.workspace_id = %1$s and x.email = given.email
                union all
                select x.id from (%3$s) holder
                  join delivery x on x.contact_id = holder.contact_id and x.workspace_id = %1$s and x.email = holder.email"""
                .formatted(workspaceId, addressesParam, AudienceSql.holdersOf(workspaceId, addressesParam));
    }

    /** The addresses for {@link #ids}'s parameter. */
    public static SqlArrayValue addresses(Collection<String> emails) {
        return new SqlArrayValue("varchar", emails.toArray());
    }

    /**
     * True in SQL when a delivery to the address of the contact {@code c}, named {@code d}, meets
     * {@code condition} (SQL on {@code d}): one of the contact's own, one without a contact, or
     * one of a contact that had the address before. Three look-ups in the index rather than one
     * select of ids, so that each stays a look-up when the caller evaluates it for every contact.
     */
    public static String existsForContact(String condition) {
        String toItsAddress = "d.workspace_id = c.workspace_id and d.email = c.email and " + condition;
        return "(exists (select 1 from delivery d where d.contact_id = c.id and " + toItsAddress + ")"
                + " or exists (select 1 from delivery d where d.contact_id is null and " + toItsAddress + ")"
                + " or exists (select 1 from delivery d where d.contact_id in ("
                + AudienceSql.FORMER_HOLDERS_OF_ITS_ADDRESS + ") and " + toItsAddress + "))";
    }
}
