package io.crier.tracking;

import java.util.Collection;

/**
 * The ledger's SQL for a workspace's deliveries to an address, through which tracking finds its
 * events (which hold no address) for a GDPR export or erasure. The delivery module implements it,
 * as the audience's {@code ContactEventSql} is implemented by the modules that own the events:
 * delivery depends on tracking, so tracking cannot call the ledger's types, and the look-up stays
 * written once, by the table's owner.
 */
public interface LedgerAddressSql {

    /** A select of the ids of the workspace's deliveries to any address in the array parameter. */
    String deliveryIds(String workspaceId, String addressesParam);

    /** The value of that parameter for these (stored-form) addresses. */
    Object addresses(Collection<String> emails);
}
