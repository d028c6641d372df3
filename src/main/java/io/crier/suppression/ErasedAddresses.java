package io.crier.suppression;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.shared.LinkSecret;

/**
 * The suppression entry an erased contact leaves: {@code erased:} and the hex SHA-256 of the
 * workspace's erasure key followed by the address, so that Crier can still tell the address is
 * suppressed without keeping it. The key is the workspace's id sealed with the link secret (kept
 * out of the database's plain reach, the same on every node): one workspace's entries cannot be
 * matched against another's, and a copy of the database alone is no dictionary's target. A keyed
 * prefix rather than HMAC because set-based SQL computes it too (the {@code erased_address}
 * function, db/vendor/*&#47;V42): PostgreSQL's HMAC needs the pgcrypto extension, and length
 * extension, the weakness HMAC guards against, forges hashes but reverses none.
 */
@Component
public class ErasedAddresses {

    static final String PREFIX = "erased:";
    private static final String PURPOSE = "erased-address";
    private static final HexFormat HEX = HexFormat.of();

    private final LinkSecret secret;

    ErasedAddresses(LinkSecret secret) {
        this.secret = secret;
    }

    /** The workspace's erasure key in hex, as the {@code erased_address} SQL function takes it. */
    String key(UUID workspaceId) {
        return HEX.formatHex(secret.tokens(PURPOSE).sealBytes(ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(workspaceId.getMostSignificantBits())
                .putLong(workspaceId.getLeastSignificantBits())
                .array()));
    }

    /** The entry for the (stored-form) address. */
    String entry(UUID workspaceId, String email) {
        return entry(key(workspaceId), email);
    }

    /** The entry for the address under the key: also H2's {@code erased_address} function. */
    public static String entry(String keyHex, String email) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HEX.parseHex(keyHex));
            return PREFIX + HEX.formatHex(sha256.digest(email.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
