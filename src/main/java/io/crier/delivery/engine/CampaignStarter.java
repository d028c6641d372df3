package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.CampaignRef;
import io.crier.shared.Timestamps;

/**
 * Starts a due campaign exactly once, however many nodes try: the campaign's move from
 * {@code scheduled} to sending, the start of its audience snapshot and its first chunk commit
 * together, and only the node whose conditional move succeeded takes them. The rest of a large
 * audience is queued by {@link AudienceSnapshotter} in transactions of their own, so the locks
 * the move takes (the control clock's among them) are held for one chunk, not the whole audience.
 */
@Component
class CampaignStarter {

    /** Contacts in the start's own chunk: an audience this small is queued whole when the campaign starts. */
    static final int FIRST_CHUNK = 1_000;

    private final CampaignLaunches campaigns;
    private final AudienceSnapshots snapshots;
    private final GradualPacer pacer;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CampaignStarter(CampaignLaunches campaigns, AudienceSnapshots snapshots, GradualPacer pacer,
            TransactionTemplate transactions, Clock clock) {
        this.campaigns = campaigns;
        this.snapshots = snapshots;
        this.pacer = pacer;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** True when this call started the campaign. */
    boolean startIfDue(CampaignRef due) {
        return Boolean.TRUE.equals(transactions.execute(status -> campaigns.start(due).map(campaign -> {
            Instant now = Timestamps.now(clock);
            snapshots.begin(campaign.id(), campaign.workspaceId(), now);
            snapshots.queueNextChunk(campaign.id(), FIRST_CHUNK, now);
            if (campaign.gradual() != null) {
                pacer.begin(campaign.id(), now);
            }
            return true;
        }).orElse(false)));
    }
}
