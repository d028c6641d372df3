package io.crier.delivery.engine;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.crier.campaign.LaunchedCampaign;
import io.crier.content.DeliveryHeaders;
import io.crier.content.Recipient;
import io.crier.delivery.DeliveryReferences;
import io.crier.delivery.FeedbackDomains;
import io.crier.delivery.capture.CaptureSmtpServer;
import io.crier.delivery.capture.MailAttribution;
import io.crier.delivery.mail.MailBatches;
import io.crier.dkim.DkimSigning;
import io.crier.shared.Timestamps;
import io.crier.suppression.UnsubscribeLinks;

/**
 * One delivery's message as it goes to the relay: rendered from its campaign step's template,
 * DKIM-signed, and tied to its delivery by one sealed token ({@link DeliveryReferences}) in its
 * Message-ID, its return path (the envelope sender, on the domain {@link ReturnPaths} gives) and
 * its mailto unsubscribe address (on that same domain, so the inbound listener hears it) and, for a
 * campaign that tracks replies, its Reply-To (on the reply domain). Without a return-path domain the
 * From address stays the envelope sender and the mailto the sender's; without a reply domain the
 * Reply-To stays the campaign's. A transactional message also carries its call's To, Cc and
 * attachments ({@link MailBatches}).
 */
@Component
class OutgoingMessages {

    /** The signed message and the envelope sender (MAIL FROM) it goes out with. */
    record Outgoing(byte[] message, String envelopeFrom) {
    }

    private final CompiledCampaigns templates;
    private final UnsubscribeLinks unsubscribeLinks;
    private final DkimSigning dkim;
    private final DeliveryReferences references;
    private final ReturnPaths returnPaths;
    private final Optional<String> replyDomain;
    private final MailAttribution attribution;
    private final MailBatches batches;
    private final boolean attributeToWorkspace;
    private final Clock clock;

    OutgoingMessages(CompiledCampaigns templates, UnsubscribeLinks unsubscribeLinks, DkimSigning dkim,
            DeliveryReferences references, ReturnPaths returnPaths, FeedbackDomains feedback, MailAttribution attribution,
            ObjectProvider<CaptureSmtpServer> capture, MailBatches batches, Clock clock) {
        this.batches = batches;
        this.templates = templates;
        this.unsubscribeLinks = unsubscribeLinks;
        this.dkim = dkim;
        this.references = references;
        this.returnPaths = returnPaths;
        this.replyDomain = feedback.replyDomain();
        this.attribution = attribution;
        this.attributeToWorkspace = capture.getIfAvailable() != null;
        this.clock = clock;
    }

    /** Whether the metrics count this campaign's sends: not those of a transactional {@code test: true} call. */
    boolean counted(LaunchedCampaign campaign) {
        return !batches.isTest(campaign.id());
    }

    /** Throws what rendering throws (a template's {@code TemplateProblem}, say). */
    Outgoing of(ClaimedDelivery delivery, LaunchedCampaign campaign) {
        String from = campaign.content().fromEmail();
        String fromDomain = from.substring(from.lastIndexOf('@') + 1);
        DeliveryReferences.Sealed sealed = references.sealed(delivery.id());
        Optional<String> returnPathDomain = returnPaths.domainFor(campaign.workspaceId(), fromDomain);
        String messageId = sealed.messageId(fromDomain);
        DeliveryHeaders headers = new DeliveryHeaders(messageId,
                returnPathDomain.map(sealed::unsubscribeAddress).orElse(null),
                campaign.trackReplies() ? replyDomain.map(sealed::replyAddress).orElse(null) : null);
        CompiledCampaigns.Compiled compiled = templates.template(campaign, delivery.step());
        byte[] rendered = compiled.template().render(new Recipient(delivery.email(),
                delivery.firstName(), delivery.lastName(), delivery.userId(), delivery.customFields(),
                delivery.recipientName(), delivery.dynamicData()), headers, Timestamps.now(clock),
                unsubscribeLinks.forDelivery(delivery.id()), compiled.trackingUrls(delivery.id()),
                batches.extras(campaign.id()));
        byte[] message = dkim.sign(campaign.workspaceId(), from, rendered);
        if (attributeToWorkspace) {
            attribution.remember(messageId, campaign.workspaceId());
        }
        return new Outgoing(message, returnPathDomain.map(sealed::returnPath).orElse(from));
    }
}
