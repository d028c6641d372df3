package io.crier.delivery;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.crier.content.MessageTemplate;

/** Each running campaign's message template, compiled once and dropped when the campaign changes. */
@Component
class CompiledCampaigns {

    private final Map<UUID, MessageTemplate> templates = new ConcurrentHashMap<>();

    MessageTemplate template(RunningCampaign campaign) {
        return templates.computeIfAbsent(campaign.id(), id -> MessageTemplate.compile(campaign.content()));
    }

    void forget(UUID campaignId) {
        templates.remove(campaignId);
    }
}
