package io.crier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the engine needs from the campaign module: which campaigns run, and their state changes. */
interface CampaignRuns {

    /** Campaigns whose status is sending or sending_gradual. */
    List<RunningCampaign> running();

    /** Scheduled campaigns whose time has come. */
    List<UUID> due(Instant now);

    /** Moves a due scheduled campaign to sending; empty when another node (or a pause) came first. */
    Optional<RunningCampaign> start(UUID campaignId);

    /** Marks a campaign whose deliveries are all final as sent. */
    void complete(UUID campaignId);
}
