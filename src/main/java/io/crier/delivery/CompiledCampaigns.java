package io.crier.delivery;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.crier.content.MessageTemplate;

/** Each running campaign's message template, compiled once and dropped when the campaign changes or ends. */
@Component
class CompiledCampaigns {

    private final Map<UUID, MessageTemplate> templates = new ConcurrentHashMap<>();

    MessageTemplate template(RunningCampaign campaign) {
        return templates.computeIfAbsent(campaign.id(), id -> MessageTemplate.compile(campaign.content()));
    }

    /** A template compiled already (a transactional call checks its content that way), kept for sending. */
    void remember(UUID campaignId, MessageTemplate template) {
        templates.put(campaignId, template);
    }

    void forget(UUID campaignId) {
        templates.remove(campaignId);
    }

    /** Drops the templates of campaigns that are not running (any longer). */
    void retainOnly(Set<UUID> running) {
        templates.keySet().retainAll(running);
    }
}
