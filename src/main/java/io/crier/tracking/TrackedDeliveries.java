package io.crier.tracking;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's side of an open or a click: the delivery a token names, and its first open or click.
 * The delivery module owns the ledger and depends on this one, so it implements this interface;
 * each call joins the caller's transaction.
 */
public interface TrackedDeliveries {

    /** The delivery a token names, as the ledger has it. */
    record TrackedDelivery(long id, UUID workspaceId, UUID campaignId, UUID contactId, String email, int step,
            Instant sentAt) {
    }

    /**
     * The delivery, its row locked until the caller's transaction ends, so concurrent fetches of
     * its links are recorded one after another.
     */
    Optional<TrackedDelivery> lock(long deliveryId);

    /** Marks the delivery's first open (or click); true only the first time. */
    boolean markFirstEngagement(long deliveryId, boolean click, Instant now);
}
