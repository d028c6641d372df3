package io.crier.suppression;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unsubscribe tokens: an opaque, signed form of what a link stands for (a delivery, or a test
 * message). The payload is signed with HMAC-SHA256 and the first 16 bytes of that signature are
 * also the counter block under which AES-CTR hides the payload (the synthetic-IV construction),
 * so a token shows no id, the same delivery always gets the same token, and any change to a
 * token fails the signature check.
 */
final class UnsubscribeTokens {

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
    private static final int TAG_BYTES = 16;
    private static final int PAYLOAD_BYTES = 1 + Long.BYTES;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /**
     * Looking a cipher or MAC up is most of a token's cost (a provider search per call), and every
     * message gets a token: each thread keeps its own instances (senders are long-lived threads).
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> instance(() ->
            Cipher.getInstance("AES/CTR/NoPadding")));
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> instance(() ->
            Mac.getInstance("HmacSHA256")));

    private final SecretKeySpec macKey;
    private final SecretKeySpec cipherKey;

    UnsubscribeTokens(byte[] secret) {
        this.macKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"), "unsubscribe-mac"), "HmacSHA256");
        this.cipherKey = new SecretKeySpec(Arrays.copyOf(hmac(new SecretKeySpec(secret, "HmacSHA256"),
                "unsubscribe-aes"), 16), "AES");
    }

    String forDelivery(long deliveryId) {
        return encode(DELIVERY, deliveryId);
    }

    String forTest() {
        return encode(TEST, 0);
    }

    /** What the token stands for; empty for anything Crier did not sign, or changed since. */
    Optional<Target> read(String token) {
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // The last character carries unused bits the decoder ignores: only the one spelling Crier
        // wrote is the token, so no changed character is ever accepted.
        if (raw.length != TAG_BYTES + PAYLOAD_BYTES || !ENCODER.encodeToString(raw).equals(token)) {
            return Optional.empty();
        }
        byte[] tag = Arrays.copyOf(raw, TAG_BYTES);
        byte[] payload = aes(tag, Arrays.copyOfRange(raw, TAG_BYTES, raw.length));
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(hmac(macKey, payload), TAG_BYTES))) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(payload);
        return switch (fields.get()) {
            case DELIVERY -> Optional.of(new Delivery(fields.getLong()));
            case TEST -> Optional.of(new Test());
            default -> Optional.empty();
        };
    }

    private String encode(byte kind, long id) {
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES).put(kind).putLong(id).array();
        byte[] tag = Arrays.copyOf(hmac(macKey, payload), TAG_BYTES);
        byte[] hidden = aes(tag, payload);
        byte[] token = Arrays.copyOf(tag, TAG_BYTES + PAYLOAD_BYTES);
        System.arraycopy(hidden, 0, token, TAG_BYTES, hidden.length);
        return ENCODER.encodeToString(token);
    }

    /** AES-CTR with the tag as counter block: the same call encrypts and decrypts. */
    private byte[] aes(byte[] tag, byte[] input) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new IvParameterSpec(tag));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has AES/CTR", e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, String label) {
        return hmac(key, label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has AES/CTR and HmacSHA256", e);
        }
    }
}
