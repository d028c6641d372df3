package io.crier.content;

/**
 * What one delivery's message carries of its own beside its recipient's content: its
 * {@code Message-ID} (angle brackets included) and, when mail to them comes back to Crier, the
 * address of its {@code List-Unsubscribe} mailto (null: the template's, its Reply-To or From) and
 * its {@code Reply-To} (null: the template's). Both are addresses Crier made, plain ASCII.
 */
public record DeliveryHeaders(String messageId, String unsubscribeMailbox, String replyTo) {

    /** Only a Message-ID: the mailto unsubscribe and Reply-To are the template's own. */
    public static DeliveryHeaders of(String messageId) {
        return new DeliveryHeaders(messageId, null, null);
    }
}
