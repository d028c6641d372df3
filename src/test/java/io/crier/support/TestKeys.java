package io.crier.support;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;

/** Private keys in PEM for DKIM tests, and master keys, made on the spot: none is checked in. */
public final class TestKeys {

    private static final String RSA_2048 = pem(generate("RSA", 2048));

    private TestKeys() {
    }

    /** One RSA-2048 key for the whole run (generating one takes a noticeable moment). */
    public static String rsa2048() {
        return RSA_2048;
    }

    /** A new master key as crier.master-key takes it: the base64 of 32 random bytes. */
    public static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static PrivateKey generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** PKCS#8 PEM, as {@code openssl genpkey} writes it. */
    public static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * The same RSA key as PKCS#1 PEM, as opendkim-genkey writes it: the OCTET STRING inside the
     * PKCS#8 structure (after its two-byte-length SEQUENCE header, version and algorithm).
     */
    public static String pkcs1Pem(PrivateKey rsaKey) {
        byte[] pkcs8 = rsaKey.getEncoded();
        int offset = 4 + 3 + 15 + 4;
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, offset, pkcs8.length);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }
}
