package io.crier.suppression;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's side of an unsubscribe link: the delivery a link was made for, and its mark. The
 * delivery module owns the ledger and depends on this one, so it implements this interface; each
 * call joins the caller's transaction.
 */
public interface UnsubscribedDeliveries {

    /** The delivery a link was made for, as the ledger has it. */
    record Recipient(long deliveryId, UUID workspaceId, UUID campaignId, String email) {
    }

    /** The delivery, while the ledger still has it. */
    Optional<Recipient> recipient(long deliveryId);

    /** Marks the delivery unsubscribed; true only the first time, so its campaign counts it once. */
    boolean markUnsubscribed(long deliveryId, Instant now);
}
