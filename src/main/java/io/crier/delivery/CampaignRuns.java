package io.crier.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.CampaignRef;
import io.crier.campaign.LaunchedCampaign;

/** The campaign module as the engine sees it: running campaigns with their pacing rules. */
@Component
class CampaignRuns {

    private final CampaignLaunches launches;

    CampaignRuns(CampaignLaunches launches) {
        this.launches = launches;
    }

    /** Campaigns whose status is sending or sending_gradual. */
    List<RunningCampaign> running() {
        return launches.sending().stream().map(CampaignRuns::running).toList();
    }

    /** Which of these campaigns have completed (sent or failed): until a change, they send nothing. */
    Set<UUID> completed(Collection<UUID> campaignIds) {
        return launches.completed(campaignIds);
    }

    /** Scheduled campaigns whose time has come. */
    List<CampaignRef> due(Instant now) {
        return launches.due(now);
    }

    /** Moves a due campaign to sending; empty when another node (or a pause) came first. */
    Optional<RunningCampaign> start(CampaignRef campaign) {
        return launches.start(campaign).map(CampaignRuns::running);
    }

    /** The engine pauses a campaign by itself, saying why. */
    void pause(RunningCampaign campaign, String reason) {
        launches.pause(new CampaignRef(campaign.id(), campaign.workspaceId()), reason);
    }

    /** Fails a campaign, saying why, if {@code stillApplies} holds when the campaign is written. */
    void fail(RunningCampaign campaign, String reason, BooleanSupplier stillApplies) {
        launches.fail(new CampaignRef(campaign.id(), campaign.workspaceId()), reason, stillApplies);
    }

    /** Marks a campaign as sent if {@code allFinal} still holds when the campaign is written. */
    void complete(RunningCampaign campaign, BooleanSupplier allFinal) {
        launches.complete(new CampaignRef(campaign.id(), campaign.workspaceId()), allFinal);
    }

    private static RunningCampaign running(LaunchedCampaign campaign) {
        LaunchedCampaign.Gradual gradual = campaign.gradual();
        PacingRule pacing = gradual == null ? null
                : new PacingRule(gradual.emailsPerDay(), gradual.growth(), gradual.perHour(), gradual.perMinute());
        return new RunningCampaign(campaign.id(), campaign.workspaceId(), campaign.content(), pacing,
                campaign.bounceLimit(), campaign.followUps(), campaign.tracking(), campaign.transactional());
    }
}
