package io.crier.suppression;

import org.springframework.stereotype.Service;

/**
 * The {@code List-Unsubscribe} mailto address at work: a recipient who writes to it is unsubscribed
 * exactly as by the message's link (suppressed with reason {@code unsubscribed}, counted once per
 * delivery, {@link ContactUnsubscribed} published). The feedback module calls it once it has tied
 * the mail to its delivery.
 */
@Service
public class MailtoUnsubscribes {

    private final Unsubscribes unsubscribes;

    MailtoUnsubscribes(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    /** Unsubscribes the delivery's recipient, in the caller's transaction; false when the ledger no longer has it. */
    public boolean unsubscribe(long deliveryId) {
        return unsubscribes.unsubscribe(deliveryId, "mailto unsubscribe");
    }
}
