package io.crier.suppression;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.crier.shared.LinkSecret;
import io.crier.shared.SignedTokens;

/**
 * Unsubscribe tokens: an opaque, signed form of what a link stands for (a delivery, or a test
 * message), sealed by {@link SignedTokens} under the purpose {@code unsubscribe}, so a token shows
 * no id, the same delivery always gets the same token, and any change to a token is refused.
 */
final class UnsubscribeTokens {

    /** The keys' purpose: tokens of other purposes (tracking) are never unsubscribe tokens. */
    private static final String PURPOSE = "unsubscribe";

    /** What a valid token stands for. */
    sealed interface Target {
    }

    /** The recipient of one delivery of the ledger. */
    record Delivery(long id) implements Target {
    }

    /** A test message or a preview: its link shows the page but unsubscribes no one. */
    record Test() implements Target {
    }

    private static final byte DELIVERY = 1;
    private static final byte TEST = 2;
    private static final int PAYLOAD_BYTES = 1 + Long.BYTES;

    private final SignedTokens tokens;

    UnsubscribeTokens(byte[] secret) {
        this(new SignedTokens(secret, PURPOSE));
    }

    UnsubscribeTokens(SignedTokens tokens) {
        this.tokens = tokens;
    }

    /** The unsubscribe tokens under the server's link secret. */
    static UnsubscribeTokens of(LinkSecret secret) {
        return new UnsubscribeTokens(secret.tokens(PURPOSE));
    }

    String forDelivery(long deliveryId) {
        return encode(DELIVERY, deliveryId);
    }

    String forTest() {
        return encode(TEST, 0);
    }

    /** What the token stands for; empty for anything Crier did not sign, or changed since. */
    Optional<Target> read(String token) {
        return tokens.open(token, PAYLOAD_BYTES).flatMap(payload -> {
            ByteBuffer fields = ByteBuffer.wrap(payload);
            return switch (fields.get()) {
                case DELIVERY -> Optional.of(new Delivery(fields.getLong()));
                case TEST -> Optional.of(new Test());
                default -> Optional.empty();
            };
        });
    }

    private String encode(byte kind, long id) {
        return tokens.seal(ByteBuffer.allocate(PAYLOAD_BYTES).put(kind).putLong(id).array());
    }
}
