package io.crier.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets Crier keeps in its database (DKIM private keys, webhook secrets, the link
 * secret) with the master key: AES-256-GCM from the JDK, a random 96-bit nonce per value, and the
 * value's place (its column and row, the {@code context}) as associated data, so a sealed value
 * copied into another row does not open. A sealed value reads
 * {@code crier:v1:<key id>:<nonce>:<ciphertext and tag>}, the last two in base64url without
 * padding; the key id (8 hex digits of the key's SHA-256) says which master key opens it, so older
 * keys can still open what they sealed while the current key seals everything anew (see
 * docs/security.md, "Secrets at rest").
 */
public final class SecretBox {

    static final String PREFIX = "crier:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** Seals with {@code current}; opens what {@code current} or any of {@code previous} sealed. */
    public SecretBox(byte[] current, List<byte[]> previous) {
        currentId = keyId(current);
        keys.put(currentId, new SecretKeySpec(current, "AES"));
        for (byte[] key : previous) {
            keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
        }
    }

    /** The id sealed values carry for this master key: the first 4 bytes of its SHA-256, in hex. */
    public static String keyId(byte[] masterKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(masterKey), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** The id of the key that seals. */
    public String currentKeyId() {
        return currentId;
    }

    /** {@code plaintext} sealed under the current key, bound to {@code context} (e.g. "webhook.secret " + id). */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8));
        return PREFIX + currentId + ":" + ENCODER.encodeToString(nonce) + ":" + ENCODER.encodeToString(sealed);
    }

    /**
     * The plaintext of a value {@link #seal} made for the same {@code context}. Throws
     * {@link IllegalStateException} for a value that is not sealed, is sealed under a key this box
     * does not have, or was altered or moved from another context.
     */
    public String open(String stored, String context) {
        String[] parts = parts(stored).orElseThrow(() -> new IllegalStateException(
                "The stored " + context + " is not sealed: start Crier once more to seal it"));
        SecretKeySpec key = keys.get(parts[0]);
        if (key == null) {
            throw new IllegalStateException("The stored " + context + " is sealed under master key " + parts[0]
                    + ", which this node does not have: it has " + String.join(", ", keys.keySet())
                    + ". Set the key it was sealed with in CRIER_MASTER_KEY_PREVIOUS");
        }
        try {
            byte[] plaintext = run(Cipher.DECRYPT_MODE, key, DECODER.decode(parts[1]), context,
                    DECODER.decode(parts[2]));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | AlteredException e) {
            throw new IllegalStateException("The stored " + context + " does not open under master key " + parts[0]
                    + ": it was altered, or belongs to another row");
        }
    }

    /**
     * What to store instead of {@code stored}: the value sealed under the current key when it is
     * still plaintext or sealed under an older key; empty when it is sealed under the current key.
     */
    public Optional<String> resealed(String stored, String context) {
        Optional<String[]> parts = parts(stored);
        if (parts.isPresent() && parts.get()[0].equals(currentId)) {
            return Optional.empty();
        }
        return Optional.of(seal(parts.isPresent() ? open(stored, context) : stored, context));
    }

    /** Key id, nonce and ciphertext of a sealed value; empty for anything else (a plaintext value). */
    private static Optional<String[]> parts(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", -1);
        return parts.length == 3 ? Optional.of(parts) : Optional.empty();
    }

    private static byte[] run(int mode, SecretKeySpec key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(nonce, NONCE_BYTES)));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new AlteredException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has AES/GCM", e);
        }
    }

    /** The tag did not match: a wrong key, context, nonce or ciphertext. */
    private static final class AlteredException extends RuntimeException {

        AlteredException() {
            super(null, null, false, false);
        }
    }
}
