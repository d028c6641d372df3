package io.crier.delivery;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;
import io.crier.suppression.AddressesSuppressed;

/**
 * Mail still waiting for an address that has just been suppressed (an unsubscribe, an entry through
 * the API) is withdrawn in the same transaction ({@link DeliveryRepository#withdrawPending}); the
 * outcome recorder does the same for the addresses a hard bounce suppresses.
 */
@Component
class WithdrawnDeliveries {

    private final DeliveryRepository deliveries;
    private final Clock clock;

    WithdrawnDeliveries(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @EventListener
    void withdraw(AddressesSuppressed suppressed) {
        deliveries.withdrawPending(suppressed.workspaceId(), suppressed.emails(), suppressed.reason().wire(),
                Timestamps.now(clock));
    }
}
