package io.crier.delivery;

import org.springframework.context.ApplicationContext;

import io.crier.campaign.CampaignRef;

/**
 * Lets the benchmark (io.crier.bench) time a campaign's start, the audience snapshot, on its
 * own: the very call the housekeeper makes, without the up-to-one-second wait for its next round.
 */
public final class CampaignStartProbe {

    private CampaignStartProbe() {
    }

    /** Starts a due scheduled campaign; true when this call started it. */
    public static boolean start(ApplicationContext crier, CampaignRef campaign) {
        return crier.getBean(CampaignStarter.class).startIfDue(campaign);
    }
}
