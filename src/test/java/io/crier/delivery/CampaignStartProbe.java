package io.crier.delivery;

import java.time.Clock;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignRef;
import io.crier.shared.Timestamps;

/**
 * Lets the benchmark (io.crier.bench) time a campaign's start, the audience snapshot, on its
 * own: the very calls the housekeeper and the audience snapshotter make, without their polling
 * waits and on a node whose engine is off.
 */
public final class CampaignStartProbe {

    private CampaignStartProbe() {
    }

    /**
     * Starts a due scheduled campaign and queues its whole audience, chunk by chunk; true when
     * this call started it.
     */
    public static boolean start(ApplicationContext crier, CampaignRef campaign) {
        if (!crier.getBean(CampaignStarter.class).startIfDue(campaign)) {
            return false;
        }
        AudienceSnapshots snapshots = crier.getBean(AudienceSnapshots.class);
        TransactionTemplate transactions = crier.getBean(TransactionTemplate.class);
        Clock clock = crier.getBean(Clock.class);
        while (Boolean.TRUE.equals(transactions.execute(status -> snapshots.queueNextChunk(campaign.id(),
                AudienceSnapshotter.CHUNK, Timestamps.now(clock))))) {
            // one committed chunk per round
        }
        return true;
    }
}
