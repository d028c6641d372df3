package io.crier.signup;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.shared.LinkSecret;
import io.crier.shared.SignedTokens;

/**
 * The double opt-in link's token: the list, the contact and the instant the confirmation was
 * mailed, sealed by {@link SignedTokens} under a purpose of its own, so no unsubscribe or tracking
 * token is ever one. The instant ties a link to the newest mail of its sign-up: an older link, or
 * one already used, confirms nothing.
 */
@Component
class ConfirmationTokens {

    private static final String PURPOSE = "confirm-signup";
    /** Two UUIDs and the epoch milliseconds. */
    private static final int PAYLOAD_BYTES = 5 * Long.BYTES;

    /** What a valid token stands for. */
    record Confirmation(UUID listId, UUID contactId, Instant mailedAt) {
    }

    private final LinkSecret secret;

    ConfirmationTokens(LinkSecret secret) {
        this.secret = secret;
    }

    String seal(Confirmation confirmation) {
        return secret.tokens(PURPOSE).seal(ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(confirmation.listId().getMostSignificantBits())
                .putLong(confirmation.listId().getLeastSignificantBits())
                .putLong(confirmation.contactId().getMostSignificantBits())
                .putLong(confirmation.contactId().getLeastSignificantBits())
                .putLong(confirmation.mailedAt().toEpochMilli())
                .array());
    }

    /** What the token stands for; empty for anything Crier did not sign, or changed since. */
    Optional<Confirmation> open(String token) {
        return secret.tokens(PURPOSE).open(token, PAYLOAD_BYTES).map(payload -> {
            ByteBuffer fields = ByteBuffer.wrap(payload);
            return new Confirmation(new UUID(fields.getLong(), fields.getLong()),
                    new UUID(fields.getLong(), fields.getLong()), Instant.ofEpochMilli(fields.getLong()));
        });
    }
}
