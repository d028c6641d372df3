package io.crier.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's side of feedback heard back after a message left (a bounce report, a complaint, a
 * reply): the delivery it is about, and what it does to the ledger. Delivery owns the ledger and
 * implements this; the feedback module calls it. Each call joins the caller's transaction, so the
 * ledger changes commit or roll back with the feedback's own record.
 */
public interface FeedbackDeliveries {

    /** A delivery as feedback sees it; {@code contactId} is null for transactional mail or a deleted contact. */
    record FeedbackDelivery(long id, UUID workspaceId, UUID campaignId, String email, int step, DeliveryStatus status,
            UUID contactId) {
    }

    /** The delivery, while the ledger still has it. */
    Optional<FeedbackDelivery> find(long deliveryId);

    /** The latest delivery of the campaign to this (stored-form) address in this workspace. */
    Optional<FeedbackDelivery> latestTo(UUID workspaceId, UUID campaignId, String email);

    /**
     * A hard bounce heard after the relay accepted the message: a {@code sent} delivery becomes
     * {@code bounced}, with the reason as its last reply, and moves from its campaign's (and step's)
     * sent count to its bounced count (processed stays the same). Returns false, changing nothing,
     * for a delivery that is not {@code sent} (bounced already, say); after true, once the caller's
     * transaction has committed, call {@link #judgeBounces}.
     */
    boolean bounced(long deliveryId, String reason, Instant now);

    /**
     * Has the bounce guard judge a campaign after bounces heard back committed (outside any
     * transaction): a sending campaign over its bounce limit is paused, as for bounces during sending.
     */
    void judgeBounces(UUID campaignId);

    /**
     * The recipient answered this delivery: it is marked replied, so no later step of the campaign
     * is queued for the contact, and the later steps already queued (not yet sent) are cancelled
     * with the reason {@code replied}. Returns how many were cancelled.
     */
    int replied(FeedbackDelivery delivery, Instant now);
}
