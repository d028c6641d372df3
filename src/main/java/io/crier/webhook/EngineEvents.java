package io.crier.webhook;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.crier.audience.UnsubscribeGroupChanged;
import io.crier.campaign.CampaignStatus;
import io.crier.campaign.CampaignStatusChanged;
import io.crier.delivery.DeliveryOutcomesRecorded;
import io.crier.delivery.DeliveryStatus;
import io.crier.feedback.BounceType;
import io.crier.feedback.FeedbackApplied;
import io.crier.suppression.ContactUnsubscribed;
import io.crier.tracking.EmailEngaged;

/**
 * Turns what the engine and the campaigns report into webhook events, inside the transactions
 * that record them. Outcomes come a flush at a time; for a workspace without webhooks each costs one
 * cached lookup and no SQL (the cache is refreshed every two seconds per workspace).
 */
@Component
class EngineEvents {

    private final Webhooks webhooks;
    private final WebhookSubscriptions subscriptions;

    EngineEvents(Webhooks webhooks, WebhookSubscriptions subscriptions) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
    }

    @EventListener
    void onOutcomes(DeliveryOutcomesRecorded recorded) {
        List<Occurrence> occurrences = new ArrayList<>();
        for (DeliveryOutcomesRecorded.Outcome outcome : recorded.outcomes()) {
            WebhookEvent event = event(outcome.status());
            if (event != null && !subscriptions.of(outcome.workspaceId()).isEmpty()) {
                occurrences.add(new Occurrence(outcome.workspaceId(), event, recorded.recordedAt(), data(outcome)));
            }
        }
        webhooks.publish(occurrences);
    }

    /** Transactional mail calls run on hidden campaigns; their outcomes are events, their moves are not. */
    @EventListener
    void onStatusChange(CampaignStatusChanged change) {
        if (change.transactional()) {
            return;
        }
        webhooks.publish(change.workspaceId(), WebhookEvent.CAMPAIGN_STATUS_CHANGED, new EventData.CampaignStatus(
                change.campaignId(), changeName(change), change.from().wire(), change.to().wire(), change.reason()));
    }

    /** Feedback heard back after sending: a bounce, a complaint or a reply, applied to its delivery. */
    @EventListener
    void onFeedback(FeedbackApplied feedback) {
        webhooks.publish(List.of(switch (feedback.kind()) {
            case BOUNCE -> new Occurrence(feedback.workspaceId(), WebhookEvent.DELIVERY_BOUNCED, feedback.at(),
                    new EventData.Bounce(feedback.deliveryId(), feedback.campaignId(), feedback.email(),
                            feedback.status().wire(), feedback.reason(), feedback.bounceType().wire()));
            case COMPLAINT -> new Occurrence(feedback.workspaceId(), WebhookEvent.EMAIL_COMPLAINED, feedback.at(),
                    new EventData.Complaint(feedback.deliveryId(), feedback.campaignId(), feedback.email(),
                            feedback.reason()));
            case REPLY -> new Occurrence(feedback.workspaceId(), WebhookEvent.EMAIL_REPLIED, feedback.at(),
                    new EventData.Reply(feedback.deliveryId(), feedback.campaignId(), feedback.email(),
                            feedback.reply().id(), feedback.reply().from(), feedback.reply().subject(),
                            feedback.reply().text()));
        }));
    }

    @EventListener
    void onUnsubscribe(ContactUnsubscribed unsubscribed) {
        webhooks.publish(unsubscribed.workspaceId(), WebhookEvent.CONTACT_UNSUBSCRIBED,
                new EventData.Unsubscribe(unsubscribed.campaignId(), unsubscribed.email()));
    }

    /** A recipient left an unsubscribe group, or came back to it. */
    @EventListener
    void onGroupChange(UnsubscribeGroupChanged change) {
        webhooks.publish(List.of(new Occurrence(change.workspaceId(), change.left()
                ? WebhookEvent.CONTACT_GROUP_UNSUBSCRIBED : WebhookEvent.CONTACT_GROUP_RESUBSCRIBED, change.at(),
                new EventData.GroupChange(change.groupId(), change.groupName(), change.email(), change.campaignId(),
                        change.left()))));
    }

    @EventListener
    void onEngagement(EmailEngaged engaged) {
        webhooks.publish(List.of(new Occurrence(engaged.workspaceId(),
                engaged.click() ? WebhookEvent.EMAIL_CLICKED : WebhookEvent.EMAIL_OPENED, engaged.at(),
                new EventData.Engagement(engaged.deliveryId(), engaged.campaignId(), engaged.contactId(),
                        engaged.email(), engaged.step(), engaged.url(), engaged.machine(), engaged.userAgent()))));
    }

    /** A refusal during the SMTP conversation is a hard bounce, its reply the relay's. */
    private static Object data(DeliveryOutcomesRecorded.Outcome outcome) {
        if (outcome.status() == DeliveryStatus.BOUNCED) {
            return new EventData.Bounce(outcome.deliveryId(), outcome.campaignId(), outcome.email(),
                    outcome.status().wire(), outcome.reply(), BounceType.HARD.wire());
        }
        return new EventData.Delivery(outcome.deliveryId(), outcome.campaignId(), outcome.email(),
                outcome.status().wire(), outcome.reply());
    }

    /** Deferrals and cancellations are steps on the way, not outcomes anyone is told of. */
    private static WebhookEvent event(DeliveryStatus status) {
        return switch (status) {
            case SENT -> WebhookEvent.DELIVERY_SENT;
            case BOUNCED -> WebhookEvent.DELIVERY_BOUNCED;
            case FAILED -> WebhookEvent.DELIVERY_FAILED;
            default -> null;
        };
    }

    /** The move, named for people: see {@link EventData.CampaignStatus}. */
    static String changeName(CampaignStatusChanged change) {
        if (change.isResume()) {
            return "resumed";
        }
        return switch (change.to()) {
            case PAUSED -> change.reason() == null ? "paused" : "auto_paused";
            case CampaignStatus to when to.isSending() -> change.from() == CampaignStatus.SENT ? "retrying" : "started";
            default -> change.to().wire();
        };
    }
}
