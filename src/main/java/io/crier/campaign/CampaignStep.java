package io.crier.campaign;

import java.time.Duration;
import java.util.UUID;

/**
 * A follow-up step of a multi-step campaign: its own subject and content (or a template's), sent
 * to a contact {@link #delay()} after the step before was sent to that contact. The campaign's
 * sender and reply-to apply to every step.
 */
record CampaignStep(String subject, String previewText, String html, String text, UUID templateId, int delayDays,
        int delayHours, int delayMinutes) {

    Duration delay() {
        return Duration.ofDays(delayDays).plusHours(delayHours).plusMinutes(delayMinutes);
    }
}
