package io.crier.webhook;

import java.util.UUID;

/** The {@code data} of Crier's own events, one record per kind of event. */
final class EventData {

    private EventData() {
    }

    /** delivery.sent, delivery.failed: {@code reply} is the relay's last reply or the error. */
    record Delivery(long deliveryId, UUID campaignId, String email, String status, String reply) {
    }

    /**
     * delivery.bounced: refused during the SMTP conversation ({@code hard}, {@code reply} the relay's
     * reply), or reported later by a bounce report or a provider ({@code bounceType} hard or soft,
     * {@code reply} the reported status and reason). {@code status} is the delivery's status after
     * it: a soft bounce leaves a sent delivery {@code sent}.
     */
    record Bounce(long deliveryId, UUID campaignId, String email, String status, String reply, String bounceType) {
    }

    /** email.complained: the recipient reported the message as spam; the address is now suppressed. */
    record Complaint(long deliveryId, UUID campaignId, String email, String feedbackType) {
    }

    /** email.replied: the recipient answered; {@code text} is the reply's own text, quoted history cut. */
    record Reply(long deliveryId, UUID campaignId, String email, long replyId, String from, String subject,
            String text) {
    }

    /**
     * campaign.status_changed. {@code change} names the move: scheduled, started, paused,
     * auto_paused (the engine paused it, {@code reason} says why), resumed, aborted, sent, failed,
     * retrying (failed deliveries of a sent campaign re-queued).
     */
    record CampaignStatus(UUID campaignId, String change, String from, String to, String reason) {
    }

    /** contact.unsubscribed: a recipient left through a campaign's link; the address is now suppressed. */
    record Unsubscribe(UUID campaignId, String email) {
    }

    /**
     * email.opened, email.clicked: {@code url} is the clicked link's original address (null for an
     * open); {@code machine} says a prefetcher, proxy or link scanner made it rather than a person.
     */
    record Engagement(long deliveryId, UUID campaignId, UUID contactId, String email, int step, String url,
            boolean machine, String userAgent) {
    }
}
