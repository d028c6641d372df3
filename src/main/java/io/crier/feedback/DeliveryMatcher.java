package io.crier.feedback;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.audience.EmailAddresses;
import io.crier.delivery.DeliveryReferences;
import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.DeliveryReferences.Reference;
import io.crier.delivery.FeedbackDeliveries;
import io.crier.delivery.FeedbackDeliveries.FeedbackDelivery;

/**
 * Ties a {@link Trace} to the delivery it is about: by the token of the address it was sent to
 * (a return path, reply or unsubscribe address), then by a Message-ID it quotes, then by recipient
 * and campaign. Tokens and Message-IDs are signed, so they prove which delivery they were made for;
 * one for another workspace's delivery than the source's is refused. The recipient and campaign
 * prove nothing, so they are tried only for a source that belongs to a workspace, within it.
 */
@Component
class DeliveryMatcher {

    private final DeliveryReferences references;
    private final FeedbackDeliveries deliveries;

    DeliveryMatcher(DeliveryReferences references, FeedbackDeliveries deliveries) {
        this.references = references;
        this.deliveries = deliveries;
    }

    /** What matching found. */
    sealed interface Match {
    }

    record Found(FeedbackDelivery delivery) implements Match {
    }

    record NotFound(String reason) implements Match {
    }

    Match match(Trace trace, UUID workspaceId) {
        Optional<Reference> token = references.read(trace.envelopeRecipient());
        if (token.isPresent()) {
            return delivered(token.get().deliveryId(), workspaceId, "the token of the address it was sent to");
        }
        for (String messageId : trace.messageIds()) {
            Optional<Reference> reference = references.read(messageId).filter(r -> r.kind() == Kind.MESSAGE_ID);
            if (reference.isPresent()) {
                return delivered(reference.get().deliveryId(), workspaceId, "a Message-ID it quotes");
            }
        }
        Optional<String> email = EmailAddresses.normalize(trace.recipient());
        if (workspaceId != null && trace.campaignId() != null && email.isPresent()) {
            return deliveries.latestTo(workspaceId, trace.campaignId(), email.get())
                    .<Match>map(delivery -> new Found(delivery))
                    .orElseGet(() -> new NotFound("no delivery of the campaign to its recipient in the workspace"));
        }
        return new NotFound("no verified token or Message-ID of Crier's"
                + (workspaceId == null ? "" : ", nor a recipient with a campaign,") + " ties it to a delivery");
    }

    private Match delivered(long deliveryId, UUID workspaceId, String via) {
        Optional<FeedbackDelivery> delivery = deliveries.find(deliveryId);
        if (delivery.isEmpty()) {
            return new NotFound(via + " names a delivery no longer kept");
        }
        if (workspaceId != null && !workspaceId.equals(delivery.get().workspaceId())) {
            return new NotFound(via + " names a delivery of another workspace");
        }
        return new Found(delivery.get());
    }
}
