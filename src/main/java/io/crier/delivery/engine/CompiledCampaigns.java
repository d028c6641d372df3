package io.crier.delivery.engine;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.crier.campaign.LaunchedCampaign;
import io.crier.content.MessageTemplate;
import io.crier.content.TrackingUrls;
import io.crier.tracking.CampaignTracking;
import io.crier.tracking.TrackingLinks;

/**
 * Each running campaign's message templates, one per step, compiled once (with the step's tracked
 * links stored) and dropped when the campaign changes or ends.
 */
@Component
public class CompiledCampaigns {

    private record Key(UUID campaignId, int step) {
    }

    /** A step's template and what makes each delivery's tracking addresses. */
    record Compiled(MessageTemplate template, CampaignTracking tracking) {

        TrackingUrls trackingUrls(long deliveryId) {
            return tracking.forDelivery(deliveryId);
        }
    }

    private final Map<Key, Compiled> templates = new ConcurrentHashMap<>();
    private final TrackingLinks trackingLinks;

    CompiledCampaigns(TrackingLinks trackingLinks) {
        this.trackingLinks = trackingLinks;
    }

    Compiled template(LaunchedCampaign campaign, int step) {
        return templates.computeIfAbsent(new Key(campaign.id(), step), key -> {
            MessageTemplate template = MessageTemplate.compile(campaign.content(step), campaign.tracking(),
                    campaign.transactional() ? null : feedbackId(campaign), campaign.threading());
            return new Compiled(template, trackingLinks.prepare(campaign.id(), template));
        });
    }

    /**
     * Gmail's Feedback-ID (campaign, customer, mail type, then the sender's own id): Gmail's
     * feedback loop reports the complaint rate of each value it sees often enough. Campaign mail
     * only: a transactional call's id is its own, nearly one per message, which Gmail asks not to use.
     */
    static String feedbackId(LaunchedCampaign campaign) {
        return campaign.id() + ":" + campaign.workspaceId() + ":campaign:crier";
    }

    /**
     * A template compiled already (a transactional call checks its content that way), kept for
     * sending its only step. Transactional mail is not tracked.
     */
    public void remember(UUID campaignId, MessageTemplate template) {
        templates.put(new Key(campaignId, 0), new Compiled(template, CampaignTracking.NONE));
    }

    void forget(UUID campaignId) {
        templates.keySet().removeIf(key -> key.campaignId().equals(campaignId));
    }

    /** Drops the templates of campaigns that are not running (any longer). */
    void retainOnly(Set<UUID> running) {
        templates.keySet().removeIf(key -> !running.contains(key.campaignId()));
    }
}
