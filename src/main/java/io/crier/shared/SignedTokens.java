package io.crier.shared;

import java.nio.charset.StandardCharsets;
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
 * Opaque, signed tokens for the links Crier puts into mail: a short payload signed with
 * HMAC-SHA256, the first 16 bytes of that signature also the counter block under which AES-CTR
 * hides the payload (the synthetic-IV construction). A token shows none of its payload, the same
 * payload always gets the same token, and any change to a token fails the signature check. Each
 * purpose (unsubscribe, tracking, ...) has keys of its own derived from the link secret, so a token
 * made for one purpose is never valid for another.
 */
public final class SignedTokens {

    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /**
     * Looking a cipher or MAC up is most of a token's cost (a provider search per call), and so is
     * keying one (AES's key schedule, HMAC's padded key): each thread keeps its own instances, keyed
     * once with this purpose's keys (senders are long-lived threads, and every message gets tokens
     * of two purposes or more, which instances shared between purposes re-keyed at every call). A
     * MAC is back in its keyed state after each {@code doFinal}; the cipher gets a new counter block
     * per token and keeps AES's key schedule, since its key stays the same.
     */
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<Cipher> ciphers;
    private final SecretKeySpec cipherKey;

    /** Keys for one purpose: HMAC-SHA256 of the secret over {@code <purpose>-mac} and {@code <purpose>-aes}. */
    public SignedTokens(byte[] secret, String purpose) {
        SecretKeySpec master = new SecretKeySpec(secret, "HmacSHA256");
        SecretKeySpec macKey = new SecretKeySpec(keyed(master).doFinal(label(purpose, "mac")), "HmacSHA256");
        this.cipherKey = new SecretKeySpec(Arrays.copyOf(keyed(master).doFinal(label(purpose, "aes")), 16), "AES");
        this.macs = ThreadLocal.withInitial(() -> keyed(macKey));
        this.ciphers = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/CTR/NoPadding")));
    }

    /** The token of this payload, in base64url without padding. */
    public String seal(byte[] payload) {
        return ENCODER.encodeToString(sealBytes(payload));
    }

    /** The token of this payload as bytes, for a caller that needs another spelling (hex, say). */
    public byte[] sealBytes(byte[] payload) {
        byte[] tag = Arrays.copyOf(macs.get().doFinal(payload), TAG_BYTES);
        byte[] hidden = aes(tag, payload);
        byte[] token = Arrays.copyOf(tag, TAG_BYTES + payload.length);
        System.arraycopy(hidden, 0, token, TAG_BYTES, hidden.length);
        return token;
    }

    /** The payload of {@code payloadBytes} bytes; empty for anything not sealed by these keys, or changed since. */
    public Optional<byte[]> open(String token, int payloadBytes) {
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // The last character carries unused bits the decoder ignores: only the one spelling Crier
        // wrote is the token, so no changed character is ever accepted.
        if (!ENCODER.encodeToString(raw).equals(token)) {
            return Optional.empty();
        }
        return openBytes(raw, payloadBytes);
    }

    /** The payload of a token made by {@link #sealBytes}; empty for anything not sealed by these keys. */
    public Optional<byte[]> openBytes(byte[] raw, int payloadBytes) {
        if (raw.length != TAG_BYTES + payloadBytes) {
            return Optional.empty();
        }
        byte[] tag = Arrays.copyOf(raw, TAG_BYTES);
        byte[] payload = aes(tag, Arrays.copyOfRange(raw, TAG_BYTES, raw.length));
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(macs.get().doFinal(payload), TAG_BYTES))) {
            return Optional.empty();
        }
        return Optional.of(payload);
    }

    private static byte[] label(String purpose, String key) {
        return (purpose + "-" + key).getBytes(StandardCharsets.US_ASCII);
    }

    /** AES-CTR with the tag as counter block: the same call encrypts and decrypts. */
    private byte[] aes(byte[] tag, byte[] input) {
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new IvParameterSpec(tag));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has AES/CTR", e);
        }
    }

    private static Mac keyed(SecretKeySpec key) {
        return instance(() -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        });
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
