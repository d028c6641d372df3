package io.crier.suppression;

import org.springframework.stereotype.Component;

import io.crier.shared.CrierProperties;
import io.crier.shared.LinkSecret;

/**
 * The unsubscribe link of each message, under {@code crier.public-url}: {@code <base>/u/<token>},
 * the token signed and opaque. Made per recipient on the engine's fast path: one HMAC and one
 * AES block.
 */
@Component
public class UnsubscribeLinks {

    private final LinkSecret secret;
    private final String base;

    UnsubscribeLinks(LinkSecret secret, CrierProperties properties) {
        this.secret = secret;
        this.base = properties.effectivePublicUrl() + UnsubscribeController.PATH + "/";
    }

    /** The link that unsubscribes the recipient of this delivery. */
    public String forDelivery(long deliveryId) {
        return base + tokens().forDelivery(deliveryId);
    }

    /** The link of a test message or preview: it shows the page and unsubscribes no one. */
    public String forTest() {
        return base + tokens().forTest();
    }

    private UnsubscribeTokens tokens() {
        return UnsubscribeTokens.of(secret);
    }
}
