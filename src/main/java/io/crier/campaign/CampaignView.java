package io.crier.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

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
        @Schema(description = "AutoSend's name for the HTML body (create and PATCH take it too); the same as html.")
        String htmlTemplate,
        String html,
        String text,
        UUID templateId,
        List<ListView> toLists,
        List<ListView> excludeLists,
        SendMode sendMode,
        GradualSettings gradual,
        Instant scheduledAt,
        String timezone,
        SendingWindowSettings sendingWindow,
        boolean trackingOpen,
        boolean trackingClick,
        @Schema(description = "Crier's own: each message's Reply-To is a reply address of Crier's (on "
                + "crier.inbound.reply-domain), so replies are recorded, then passed on to replyTo (else the "
                + "sender). Without a reply domain, messages keep replyTo. See docs/api.md, Reply tracking.")
        boolean trackReplies,
        @Schema(description = "The unsubscribe group (/v1/suppression-groups) it is sent under: the group's leavers"
                + " are not mailed, and its unsubscribe link leaves that group. Null for none.")
        UUID unsubscribeGroupId,
        ThresholdPreset thresholdPreset,
        BounceThreshold bounceThreshold,
        List<StepView> steps,
        CampaignStatus status,
        boolean archived,
        @Schema(description = "The actions the campaign's state allows now, each named after its API verb: "
                + "the call would change something (a repeat is not listed). See docs/api.md, Allowed actions.")
        List<CampaignAction> allowedActions,
        CampaignMetrics metrics,
        Instant sentAt,
        Instant pausedAt,
        Instant resumedAt,
        Instant abortedAt,
        String pausedReason,
        @Schema(description = "Why a sending campaign sends nothing now, though not paused: outside its sending"
                + " window, until the time it names. Null otherwise.")
        String waitingReason,
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * A follow-up step: its content, its delay after the step before (days, hours and minutes as
     * given), and how many of its messages were sent and bounced so far.
     */
    record StepView(String subject, String previewText, String html, String text, UUID templateId, int delayDays,
            int delayHours, int delayMinutes, long sent, long bounced) {

        static StepView of(CampaignStep step, StepMetrics metrics) {
            return new StepView(step.subject(), step.previewText(), step.html(), step.text(), step.templateId(),
                    step.delayDays(), step.delayHours(), step.delayMinutes(), metrics.sent(), metrics.bounced());
        }
    }

    /** A list or segment of the audience: {@code {id, name, type: "list" or "segment", contactCount}}. */
    record ListView(UUID id, String name, String type, long contactCount) {

        static ListView of(ListSummary list) {
            return new ListView(list.id(), list.name(), list.type(), list.contactCount());
        }
    }
}
