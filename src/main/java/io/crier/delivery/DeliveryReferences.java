package io.crier.delivery;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.crier.shared.LinkSecret;
import io.crier.shared.SignedTokens;

/**
 * The references a message carries back to its delivery: its envelope sender (the return path a
 * bounce comes back to, VERP), its reply address, its mailto unsubscribe address and its Message-ID each hold one opaque token, the
 * delivery's id sealed by {@link SignedTokens} under the purpose {@code delivery-reference}. A token
 * shows no id, is the same for every attempt at one delivery, and any change to it is refused.
 * Spelled in lowercase hex: mail systems may change the case of an address's local part.
 */
@Component
public class DeliveryReferences {

    private static final String PURPOSE = "delivery-reference";
    private static final HexFormat HEX = HexFormat.of();

    /** What a reference is, told by its local part's prefix; a Message-ID has none. */
    public enum Kind {
        RETURN_PATH("b-"), REPLY("reply+"), UNSUBSCRIBE("unsubscribe+"), MESSAGE_ID("");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A reference Crier made, read back: its kind and the delivery it was made for. */
    public record Reference(Kind kind, long deliveryId) {
    }

    /** Looked up at each use: the link secret is read once every bean exists, after this one is made. */
    private final Supplier<SignedTokens> tokens;

    @Autowired
    DeliveryReferences(LinkSecret secret) {
        this(() -> secret.tokens(PURPOSE));
    }

    DeliveryReferences(Supplier<SignedTokens> tokens) {
        this.tokens = tokens;
    }

    /**
     * The references of one delivery, its token sealed once: a sender that puts several of them
     * into one message seals once rather than once for each.
     */
    public Sealed sealed(long deliveryId) {
        return new Sealed(token(deliveryId));
    }

    /** The envelope sender for this delivery on a bounce domain: {@code b-<token>@<domain>}. */
    public String returnPath(long deliveryId, String bounceDomain) {
        return sealed(deliveryId).returnPath(bounceDomain);
    }

    /** The Reply-To address for this delivery on the reply domain: {@code reply+<token>@<domain>}. */
    public String replyAddress(long deliveryId, String replyDomain) {
        return sealed(deliveryId).replyAddress(replyDomain);
    }

    /** The {@code List-Unsubscribe} mailto address for this delivery: {@code unsubscribe+<token>@<domain>}. */
    public String unsubscribeAddress(long deliveryId, String domain) {
        return sealed(deliveryId).unsubscribeAddress(domain);
    }

    /** The Message-ID of this delivery, angle brackets included, on the From address's domain. */
    public String messageId(long deliveryId, String fromDomain) {
        return sealed(deliveryId).messageId(fromDomain);
    }

    /** One delivery's token, spelled into each of its references. */
    public record Sealed(String token) {

        public String returnPath(String bounceDomain) {
            return Kind.RETURN_PATH.prefix + token + "@" + bounceDomain;
        }

        public String replyAddress(String replyDomain) {
            return Kind.REPLY.prefix + token + "@" + replyDomain;
        }

        public String unsubscribeAddress(String domain) {
            return Kind.UNSUBSCRIBE.prefix + token + "@" + domain;
        }

        public String messageId(String fromDomain) {
            return "<" + token + "@" + fromDomain + ">";
        }
    }

    /**
     * The delivery a return path, reply address, unsubscribe address or Message-ID (with or without
     * its brackets) was made for, and which of them it is; empty for anything Crier did not make,
     * or changed since.
     */
    public Optional<Reference> read(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        String trimmed = reference.trim();
        if (trimmed.startsWith("<") && trimmed.endsWith(">")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        int at = trimmed.lastIndexOf('@');
        String local = (at < 0 ? trimmed : trimmed.substring(0, at)).toLowerCase(Locale.ROOT);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> local.startsWith(k.prefix)).findFirst().orElseThrow();
        return opened(local.substring(kind.prefix.length())).map(id -> new Reference(kind, id));
    }

    private String token(long deliveryId) {
        return HEX.formatHex(tokens.get().sealBytes(ByteBuffer.allocate(Long.BYTES).putLong(deliveryId).array()));
    }

    private Optional<Long> opened(String hex) {
        byte[] raw;
        try {
            raw = HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
        return tokens.get().openBytes(raw, Long.BYTES).map(payload -> ByteBuffer.wrap(payload).getLong());
    }
}
