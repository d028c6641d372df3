package io.crier.tracking;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.crier.shared.LinkSecret;
import io.crier.shared.SignedTokens;

/**
 * The tokens of open pixels and click redirects, sealed by {@link SignedTokens} under keys of
 * their own (purpose {@code tracking}): an open names its delivery, a click its delivery and the
 * campaign link. Both are hidden in the token, and any change to it is refused.
 */
final class TrackingTokens {

    private static final String PURPOSE = "tracking";
    private static final byte OPEN = 1;
    private static final byte CLICK = 2;
    private static final int PAYLOAD_BYTES = 1 + Long.BYTES + Long.BYTES;

    /** What a valid token stands for: a click's {@code linkId}, or 0 for an open. */
    record Target(boolean click, long deliveryId, long linkId) {
    }

    private final SignedTokens tokens;

    TrackingTokens(SignedTokens tokens) {
        this.tokens = tokens;
    }

    static TrackingTokens of(LinkSecret secret) {
        return new TrackingTokens(secret.tokens(PURPOSE));
    }

    String open(long deliveryId) {
        return seal(OPEN, deliveryId, 0);
    }

    String click(long deliveryId, long linkId) {
        return seal(CLICK, deliveryId, linkId);
    }

    /** What the token stands for; empty for anything Crier did not sign, or changed since. */
    Optional<Target> read(String token) {
        return tokens.open(token, PAYLOAD_BYTES).flatMap(payload -> {
            ByteBuffer fields = ByteBuffer.wrap(payload);
            byte kind = fields.get();
            long deliveryId = fields.getLong();
            long linkId = fields.getLong();
            return switch (kind) {
                case OPEN -> Optional.of(new Target(false, deliveryId, 0));
                case CLICK -> Optional.of(new Target(true, deliveryId, linkId));
                default -> Optional.empty();
            };
        });
    }

    private String seal(byte kind, long deliveryId, long linkId) {
        return tokens.seal(ByteBuffer.allocate(PAYLOAD_BYTES).put(kind).putLong(deliveryId).putLong(linkId).array());
    }
}
