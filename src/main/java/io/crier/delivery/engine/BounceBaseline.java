package io.crier.delivery.engine;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignCounters;
import io.crier.campaign.CampaignStatusChanged;

/**
 * When a paused campaign is resumed, the bounce guard starts counting afresh: a campaign the guard
 * paused, and someone resumed knowingly, is judged on what it delivers from then on, after a new
 * minimum sample, instead of being paused again by its first flush.
 */
@Component
class BounceBaseline {

    private final CampaignCounters counters;

    BounceBaseline(CampaignCounters counters) {
        this.counters = counters;
    }

    /** Runs inside the transaction of the status change. */
    @EventListener
    void onStatusChange(CampaignStatusChanged change) {
        if (change.isResume()) {
            counters.resetBounceBaseline(change.campaignId());
        }
    }
}
