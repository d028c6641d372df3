package io.crier.delivery;

import java.util.Collection;

import org.springframework.stereotype.Component;

import io.crier.tracking.LedgerAddressSql;

/** {@link DeliveriesToAddress} for tracking's GDPR export and erasure. */
@Component
class TrackingLedgerAddresses implements LedgerAddressSql {

    @Override
    public String deliveryIds(String workspaceId, String addressesParam) {
        return DeliveriesToAddress.ids(workspaceId, addressesParam);
    }

    @Override
    public Object addresses(Collection<String> emails) {
        return DeliveriesToAddress.addresses(emails);
    }
}
