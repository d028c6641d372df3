package io.crier.delivery;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.crier.content.MessageTemplate;

/**
 * Each running campaign's message templates, one per step, compiled once and dropped when the
 * campaign changes or ends.
 */
@Component
class CompiledCampaigns {

    private record Key(UUID campaignId, int step) {
    }

    private final Map<Key, MessageTemplate> templates = new ConcurrentHashMap<>();

    MessageTemplate template(RunningCampaign campaign, int step) {
        return templates.computeIfAbsent(new Key(campaign.id(), step),
                key -> MessageTemplate.compile(campaign.content(step)));
    }

    /**
     * A template compiled already (a transactional call checks its content that way), kept for
     * sending its only step.
     */
    void remember(UUID campaignId, MessageTemplate template) {
        templates.put(new Key(campaignId, 0), template);
    }

    void forget(UUID campaignId) {
        templates.keySet().removeIf(key -> key.campaignId().equals(campaignId));
    }

    /** Drops the templates of campaigns that are not running (any longer). */
    void retainOnly(Set<UUID> running) {
        templates.keySet().removeIf(key -> !running.contains(key.campaignId()));
    }
}
