package io.crier.delivery;

import io.crier.shared.SignedTokens;

/** {@link DeliveryReferences} under a secret of the test's, for tests of other modules that read references. */
public final class DeliveryReferencesFixture {

    private DeliveryReferencesFixture() {
    }

    public static DeliveryReferences withSecret(byte[] secret) {
        return new DeliveryReferences(() -> new SignedTokens(secret, "delivery-reference"));
    }
}
