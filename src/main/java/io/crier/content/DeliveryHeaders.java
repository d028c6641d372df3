package io.crier.content;

/**
 * What one delivery's message carries of its own beside its recipient's content: its
 * {@code Message-ID} (angle brackets included) and, when mail to it comes back to Crier, the
 * address of its {@code List-Unsubscribe} mailto (null: the template's, the Reply-To or From).
 */
public record DeliveryHeaders(String messageId, String unsubscribeMailbox) {

    /** Only a Message-ID: the mailto unsubscribe goes to the template's own address. */
    public static DeliveryHeaders of(String messageId) {
        return new DeliveryHeaders(messageId, null);
    }
}
