package io.crier.campaign;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.crier.audience.EmailAddress;

/**
 * The body of a campaign create or partial update, AutoSend's fields. Every property is optional
 * here; what the resulting campaign needs is checked on the merged result ({@link CampaignEdits}).
 *
 * @param steps follow-up steps after the campaign's own message (step 0); replaced whole by an update
 * @param sendingWindow the days and hours it may send in; replaced whole by an update, removed by null
 * @param scheduledAt when to start: an instant, or a local date-time in {@code timezone} ({@link StartTimes})
 * @param publish finish the draft and start it: at {@code scheduledAt}, or now
 * @param sendNow start it now (implies {@code publish})
 * @param senderId a sender of the workspace (/v1/senders) whose address, name and Reply-To the campaign
 *                 takes, over {@code from}; a campaign that names neither takes the workspace's default sender
 * @param htmlTemplate AutoSend's name for the HTML body: taken as {@code html} when {@code html} is not given
 * @param trackReplies Crier's own: rewrite each message's Reply-To to a reply address of Crier's (on
 *                     {@code crier.inbound.reply-domain}), so replies are recorded and passed on to {@code replyTo}
 * @param unsubscribeGroupId a suppression group of the workspace: its leavers are not mailed, and the
 *                     unsubscribe link leaves that group; null (or "") for none
 */
record CampaignRequest(
        @Size(max = 200) String name,
        @Size(max = 998) String subject,
        @Size(max = 500) String previewText,
        @Valid Sender from,
        @EmailAddress @Size(max = 320) String replyTo,
        String html,
        String text,
        String templateId,
        @Size(max = MAX_LISTS) List<ListRef> toLists,
        @Size(max = MAX_LISTS) List<ListRef> excludeLists,
        SendMode sendMode,
        @Valid GradualSettings gradual,
        String scheduledAt,
        @Size(max = 64) String timezone,
        Boolean trackingOpen,
        Boolean trackingClick,
        ThresholdPreset thresholdPreset,
        @Valid BounceThreshold bounceThreshold,
        List<@Valid StepRequest> steps,
        @Valid SendingWindowSettings sendingWindow,
        Boolean publish,
        Boolean sendNow,
        @Size(max = 64) String senderId,
        String htmlTemplate,
        Boolean trackReplies,
        @Size(max = 100) String unsubscribeGroupId) {

    /** Lists a campaign may send to, and leave out: each is looked up, and bound into one query. */
    static final int MAX_LISTS = 100;

    /** Properties that ask for a start rather than describe the campaign. */
    static final Set<String> START_PROPERTIES = Set.of("publish", "sendNow");

    boolean startsSending() {
        return Boolean.TRUE.equals(publish) || Boolean.TRUE.equals(sendNow);
    }
}
