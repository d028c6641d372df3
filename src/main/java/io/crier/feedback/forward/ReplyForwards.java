package io.crier.feedback.forward;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.campaign.CampaignLaunches;
import io.crier.content.MessageContent;
import io.crier.delivery.DeliveryReferences;
import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.FeedbackDeliveries;
import io.crier.delivery.FeedbackDeliveries.FeedbackDelivery;
import io.crier.delivery.FeedbackDomains;
import io.crier.feedback.Feedback;
import io.crier.sender.SenderDirectory;
import io.crier.sender.SenderIdentity;
import io.crier.shared.ApiException;
import io.crier.shared.Timestamps;

/**
 * Queues a reply for passing on to the campaign's real reply-to, in the transaction that records
 * it: only a reply sent to a reply address (the rewritten Reply-To of a campaign that tracks
 * replies), which Crier took instead of the sender; a reply that reached Crier any other way (a
 * sender's own mailbox, In-Reply-To alone) was never kept from them. Its target is the campaign's
 * {@code replyTo}, else the reply-to of the workspace's sender with the campaign's From address,
 * else that From address. A reply that must not be passed on is recorded parked with why: one
 * Crier forwarded once already (it carries {@link ForwardedMessage#HEADER}), or a target that is
 * an address of Crier's own (either would loop). Auto-replies and bounces never get here: the
 * parser tells them apart from replies first.
 */
@Component
public class ReplyForwards {

    private static final Logger log = LoggerFactory.getLogger(ReplyForwards.class);

    private final ForwardQueue queue;
    private final DeliveryReferences references;
    private final FeedbackDeliveries deliveries;
    private final FeedbackDomains domains;
    private final CampaignLaunches campaigns;
    private final SenderDirectory senders;
    private final Clock clock;

    ReplyForwards(ForwardQueue queue, DeliveryReferences references, FeedbackDeliveries deliveries,
            FeedbackDomains domains, CampaignLaunches campaigns, SenderDirectory senders, Clock clock) {
        this.queue = queue;
        this.references = references;
        this.deliveries = deliveries;
        this.domains = domains;
        this.campaigns = campaigns;
        this.senders = senders;
        this.clock = clock;
    }

    /**
     * Queues the reply of inbound message {@code inboundMessageId}, applied to {@code deliveryId},
     * when it came to that delivery's reply address; at most once per inbound message.
     */
    public void queue(long inboundMessageId, byte[] raw, Feedback.Reply reply, long deliveryId) {
        String replyAddress = reply.trace().envelopeRecipient();
        boolean diverted = references.read(replyAddress)
                .filter(reference -> reference.kind() == Kind.REPLY && reference.deliveryId() == deliveryId)
                .isPresent();
        Optional<FeedbackDelivery> delivery = deliveries.find(deliveryId);
        if (!diverted || delivery.isEmpty()) {
            return;
        }
        UUID workspaceId = delivery.get().workspaceId();
        UUID campaignId = delivery.get().campaignId();
        String from = null;
        String target = null;
        String refusal;
        try {
            MessageContent sender = campaigns.content(workspaceId, campaignId.toString());
            from = sender.fromEmail();
            target = target(workspaceId, sender);
            refusal = refusal(raw, target);
        } catch (ApiException unreadable) {
            refusal = "the campaign's sender could not be read: " + unreadable.getMessage();
        }
        if (refusal != null) {
            log.info("Reply in inbound message {} to delivery {} is not forwarded: {}", inboundMessageId, deliveryId,
                    refusal);
        }
        queue.add(new ForwardQueue.NewForward(inboundMessageId, workspaceId, deliveryId, campaignId,
                from == null ? "" : from, replyAddress, target == null ? "" : target,
                refusal == null ? ForwardQueue.QUEUED : ForwardQueue.PARKED, refusal), Timestamps.now(clock));
    }

    private String target(UUID workspaceId, MessageContent campaign) {
        if (hasText(campaign.replyTo())) {
            return campaign.replyTo().strip();
        }
        return senders.all(workspaceId).stream()
                .filter(sender -> sender.email().equalsIgnoreCase(campaign.fromEmail()) && hasText(sender.replyTo()))
                .map(SenderIdentity::replyTo).findFirst()
                .orElse(campaign.fromEmail());
    }

    /** Why the reply must not be passed on to {@code target}, or null. */
    private String refusal(byte[] raw, String target) {
        if (!hasText(target)) {
            return "the campaign has no From or reply-to address to pass it on to";
        }
        if (forwardedBefore(raw)) {
            return "it carries " + ForwardedMessage.HEADER + ": Crier passed it on once already (a loop)";
        }
        if (ours(target)) {
            return "its reply-to " + target + " is an address of Crier's own (a loop)";
        }
        return null;
    }

    private boolean ours(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return references.read(address).isPresent()
                || domains.replyDomain().filter(domain::equals).isPresent()
                || domains.bounceDomain().filter(domain::equals).isPresent()
                || domain.equals(FeedbackDomains.SIMULATOR_DOMAIN);
    }

    private static boolean forwardedBefore(byte[] raw) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(raw)).getHeader(ForwardedMessage.HEADER) != null;
        } catch (MessagingException unreadable) {
            return false;
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
