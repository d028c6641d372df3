package io.crier.delivery;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.crier.content.MessageTemplate;

/**
 * Each running campaign's message templates, one per step, compiled once and dropped when the
 * campaign changes.
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

    void forget(UUID campaignId) {
        templates.keySet().removeIf(key -> key.campaignId().equals(campaignId));
    }
}
