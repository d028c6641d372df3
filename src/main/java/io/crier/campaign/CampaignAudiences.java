package io.crier.campaign;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Which lists a campaign's audience is taken from, for the audience snapshot that queues it
 * range by range. A bean of its own, apart from the lifecycle: the pause fence, which the
 * lifecycle calls, reaches it through the snapshot.
 */
@Component
public class CampaignAudiences {

    private final CampaignRepository repository;

    CampaignAudiences(CampaignRepository repository) {
        this.repository = repository;
    }

    public CampaignLists lists(UUID campaignId) {
        return repository.lists(campaignId);
    }

    /** The unsubscribe group the campaign is sent under, if any: its leavers are not mailed. */
    public Optional<UUID> unsubscribeGroup(UUID campaignId) {
        return repository.unsubscribeGroup(campaignId);
    }
}
