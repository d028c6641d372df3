package io.crier.webhook;

import java.util.UUID;

/** The {@code data} of Crier's own events, one record per kind of event. */
final class EventData {

    private EventData() {
    }

    /** The data of an event about one message: its delivery, by which AutoSend's format finds the message's details. */
    sealed interface OfMessage permits Delivery, Bounce, Complaint, Reply, Engagement {

        long deliveryId();

        UUID campaignId();
    }

    /** delivery.sent, delivery.failed: {@code reply} is the relay's last reply or the error. */
    record Delivery(long deliveryId, UUID campaignId, String email, String status, String reply)
            implements OfMessage {
    }

    /**
     * delivery.bounced: refused during the SMTP conversation ({@code hard}, {@code reply} the relay's
     * reply), or reported later by a bounce report or a provider ({@code bounceType} hard or soft,
     * {@code reply} the reported status and reason). {@code status} is the delivery's status after
     * it: a soft bounce leaves a sent delivery {@code sent}.
     */
    record Bounce(long deliveryId, UUID campaignId, String email, String status, String reply, String bounceType)
            implements OfMessage {
    }

    /** email.complained: the recipient reported the message as spam; the address is now suppressed. */
    record Complaint(long deliveryId, UUID campaignId, String email, String feedbackType) implements OfMessage {
    }

    /** email.replied: the recipient answered; {@code text} is the reply's own text, quoted history cut. */
    record Reply(long deliveryId, UUID campaignId, String email, long replyId, String from, String subject,
            String text) implements OfMessage {
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
     * contact.group_unsubscribed, contact.group_resubscribed: a recipient left an unsubscribe group,
     * or came back to it ({@code left} false); {@code campaignId} is the campaign whose mail they
     * left it through, null when it was not through a campaign's mail (the API).
     */
    record GroupChange(UUID groupId, String groupName, String email, UUID campaignId, boolean left) {
    }

    /**
     * email.opened, email.clicked: {@code url} is the clicked link's original address (null for an
     * open); {@code machine} says a prefetcher, proxy or link scanner made it rather than a person.
     */
    record Engagement(long deliveryId, UUID campaignId, UUID contactId, String email, int step, String url,
            boolean machine, String userAgent) implements OfMessage {
    }
}
