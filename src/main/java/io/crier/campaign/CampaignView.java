package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crier.audience.ListSummary;

/**
 * A campaign as the API shows it: AutoSend's campaign object. {@code id} and {@code campaignId}
 * carry the same value, because AutoSend's documentation uses both.
 */
record CampaignView(
        UUID id,
        UUID campaignId,
        String name,
        String subject,
        String previewText,
        Sender from,
        String replyTo,
        String html,
        String text,
        UUID templateId,
        List<ListView> toLists,
        List<ListView> excludeLists,
        SendMode sendMode,
        GradualSettings gradual,
        Instant scheduledAt,
        String timezone,
        boolean trackingOpen,
        boolean trackingClick,
        ThresholdPreset thresholdPreset,
        BounceThreshold bounceThreshold,
        CampaignStatus status,
        boolean archived,
        CampaignMetrics metrics,
        Instant sentAt,
        Instant pausedAt,
        Instant resumedAt,
        Instant abortedAt,
        String pausedReason,
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    /** A list of the audience: {@code {id, name, type: "list", contactCount}}. */
    record ListView(UUID id, String name, String type, long contactCount) {

        static ListView of(ListSummary list) {
            return new ListView(list.id(), list.name(), "list", list.contactCount());
        }
    }
}
