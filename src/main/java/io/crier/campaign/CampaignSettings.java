package io.crier.campaign;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Everything about a campaign that its owner edits: content, audience and how it sends.
 * {@code trackReplies}: each message's Reply-To is rewritten to its delivery's reply address on the
 * reply domain, where one is set, so replies come back to Crier; {@code replyTo} stays the real one.
 * {@code unsubscribeGroupId}: the unsubscribe group it is sent under; its leavers are not mailed.
 */
record CampaignSettings(
        String name,
        String subject,
        String previewText,
        Sender from,
        String replyTo,
        String html,
        String text,
        UUID templateId,
        List<UUID> toLists,
        List<UUID> excludeLists,
        SendMode sendMode,
        GradualSettings gradual,
        Instant scheduledAt,
        String timezone,
        boolean trackingOpen,
        boolean trackingClick,
        ThresholdPreset thresholdPreset,
        BounceThreshold bounceThreshold,
        List<CampaignStep> steps,
        SendingWindowSettings sendingWindow,
        boolean trackReplies,
        UUID unsubscribeGroupId) {

    /**
     * A new campaign before its create body is applied: immediate, with open and click tracking,
     * auto-paused by the default bounce-rate preset.
     */
    static final CampaignSettings DEFAULTS = new CampaignSettings(null, null, null, Sender.NONE, null, null, null,
            null, List.of(), List.of(), SendMode.IMMEDIATE, null, null, null, true, true, ThresholdPreset.DEFAULT,
            null, List.of(), null, false, null);

    CampaignSettings {
        // Stored and shown at millisecond precision, so what is read back equals what was answered.
        scheduledAt = scheduledAt == null ? null : scheduledAt.truncatedTo(ChronoUnit.MILLIS);
        toLists = List.copyOf(toLists);
        excludeLists = List.copyOf(excludeLists);
        steps = List.copyOf(steps);
    }

    CampaignSettings withName(String newName) {
        return new CampaignSettings(newName, subject, previewText, from, replyTo, html, text, templateId, toLists,
                excludeLists, sendMode, gradual, scheduledAt, timezone, trackingOpen, trackingClick, thresholdPreset,
                bounceThreshold, steps, sendingWindow, trackReplies, unsubscribeGroupId);
    }

    CampaignSettings withLists(List<UUID> newToLists, List<UUID> newExcludeLists) {
        return new CampaignSettings(name, subject, previewText, from, replyTo, html, text, templateId, newToLists,
                newExcludeLists, sendMode, gradual, scheduledAt, timezone, trackingOpen, trackingClick,
                thresholdPreset, bounceThreshold, steps, sendingWindow, trackReplies, unsubscribeGroupId);
    }

    CampaignSettings withSteps(List<CampaignStep> newSteps) {
        return new CampaignSettings(name, subject, previewText, from, replyTo, html, text, templateId, toLists,
                excludeLists, sendMode, gradual, scheduledAt, timezone, trackingOpen, trackingClick,
                thresholdPreset, bounceThreshold, newSteps, sendingWindow, trackReplies, unsubscribeGroupId);
    }

    CampaignSettings withScheduledAt(Instant newScheduledAt) {
        return new CampaignSettings(name, subject, previewText, from, replyTo, html, text, templateId, toLists,
                excludeLists, sendMode, gradual, newScheduledAt, timezone, trackingOpen, trackingClick,
                thresholdPreset, bounceThreshold, steps, sendingWindow, trackReplies, unsubscribeGroupId);
    }

    /** The bounce-rate limit that pauses the campaign: its own threshold, else its preset's; null for none. */
    LaunchedCampaign.BounceLimit bounceLimit() {
        BounceThreshold threshold = bounceThreshold != null ? bounceThreshold : thresholdPreset.threshold();
        return threshold == null ? null : threshold.limit();
    }
}
