package io.crier.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Making and hashing API keys. A key is 256 random bits, so an unsalted SHA-256 is enough to
 * store it: nobody can guess a preimage, and the hash can be looked up directly.
 */
final class ApiKeySecrets {

    static final String KEY_PREFIX = "crier_";
    private static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** The start of a key, enough for a person to recognise it in a listing, never enough to use it. */
    static String displayPrefix(String key) {
        return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length() / 2));
    }

    /** Compares a presented key with a stored hash in time independent of where they differ. */
    static boolean matches(String key, String storedHash) {
        return MessageDigest.isEqual(sha256(key), HexFormat.of().parseHex(storedHash));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
