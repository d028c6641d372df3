package io.crier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published once per flush of the outcome recorder, inside its transaction, listing the outcomes
 * that flush recorded (only those whose ledger row really moved). A listener that writes commits
 * or rolls back with the ledger. It runs on the engine's recording thread, so it must cost next to
 * nothing for the outcomes it has nothing to do for.
 */
public record DeliveryOutcomesRecorded(Instant recordedAt, List<Outcome> outcomes) {

    /** One delivery's new status; {@code reply} is the relay's last reply line or the error. */
    public record Outcome(long deliveryId, UUID campaignId, UUID workspaceId, String email, DeliveryStatus status,
            String reply) {
    }
}
