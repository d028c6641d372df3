package io.crier.webhook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.campaign.MessageOrigins;
import io.crier.delivery.SentMessages;

/**
 * The message details AutoSend's payloads carry beside the recipient ({@code emailId}, {@code from},
 * {@code subject}, {@code test}, {@code campaignId}, {@code templateId}, {@code batchId}), for a batch
 * of occurrences: looked up together, on first use, so that a batch no webhook in AutoSend's format
 * hears costs nothing.
 */
@Component
class AutoSendMessages {

    /**
     * One message as AutoSend's payloads describe it. Transactional mail: {@code emailId} is the id
     * {@code POST /v1/mails/send} answered, {@code batchId} that call's, {@code campaignId} null.
     * Campaign mail: {@code emailId} is Crier's delivery id, {@code campaignId} the campaign's,
     * {@code batchId} null.
     */
    record Details(String emailId, String from, String toName, String subject, boolean test, UUID campaignId,
            UUID templateId, UUID batchId) {
    }

    private final SentMessages ledger;
    private final MessageOrigins origins;

    AutoSendMessages(SentMessages ledger, MessageOrigins origins) {
        this.ledger = ledger;
        this.origins = origins;
    }

    /** The details of the messages these occurrences are about, loaded when first asked for. */
    Batch batch(List<Occurrence> occurrences) {
        return new Batch(occurrences);
    }

    /** One batch's lookups. Used on one thread, by one publish. */
    final class Batch {

        private final List<Occurrence> occurrences;
        private Map<Long, SentMessages.Message> messages;
        private final Map<String, Optional<MessageOrigins.Origin>> stepOrigins = new HashMap<>();

        private Batch(List<Occurrence> occurrences) {
            this.occurrences = occurrences;
        }

        Details of(UUID workspaceId, EventData.OfMessage about) {
            if (messages == null) {
                messages = ledger.find(occurrences.stream().map(Occurrence::data)
                        .filter(EventData.OfMessage.class::isInstance)
                        .map(data -> ((EventData.OfMessage) data).deliveryId()).distinct().toList());
            }
            SentMessages.Message message = messages.get(about.deliveryId());
            if (message == null) {
                return new Details(String.valueOf(about.deliveryId()), null, null, null, false, about.campaignId(),
                        null, null);
            }
            Optional<MessageOrigins.Origin> origin = stepOrigins.computeIfAbsent(
                    message.campaignId() + "/" + message.step(),
                    key -> origins.of(workspaceId, message.campaignId(), message.step()));
            String from = origin.map(MessageOrigins.Origin::from).orElse(null);
            String subject = origin.map(MessageOrigins.Origin::subject).orElse(null);
            UUID templateId = origin.map(MessageOrigins.Origin::templateId).orElse(null);
            return message.transactional()
                    ? new Details(message.emailId().toString(), from, message.recipientName(), subject, message.test(),
                            null, templateId, message.campaignId())
                    : new Details(String.valueOf(message.deliveryId()), from, message.recipientName(), subject, false,
                            message.campaignId(), templateId, null);
        }
    }
}
