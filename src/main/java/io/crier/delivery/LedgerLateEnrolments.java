package io.crier.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.campaign.LateEnrolments;

/**
 * Enrolment into a started campaign on the ledger: the contacts' first step is queued like the
 * audience snapshot's rows, and the campaign's audience count grows with it. The unique key
 * (campaign, contact, step) and the check for an existing step 0 keep an enrolled contact in
 * its place, however often it is enrolled.
 */
@Component
class LedgerLateEnrolments implements LateEnrolments {

    private final DeliveryRepository deliveries;

    LedgerLateEnrolments(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public int queueFirstStep(UUID campaignId, UUID workspaceId, Collection<UUID> contactIds, Instant now) {
        return deliveries.queueFirstStep(campaignId, workspaceId, contactIds, now);
    }

    @Override
    public Set<UUID> suppressed(UUID workspaceId, Collection<UUID> contactIds) {
        return deliveries.suppressedAmong(workspaceId, contactIds);
    }
}
