package io.crier.dkim;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA private keys in PEM, as DKIM tools write them: PKCS#8 ({@code BEGIN PRIVATE KEY}) or
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what opendkim-genkey and older openssl write). The JDK
 * reads only PKCS#8 and has no PEM reader outside a preview API, so PKCS#1 is wrapped into PKCS#8
 * here (a fixed ASN.1 envelope) rather than pulling in a whole crypto provider for it.
 */
final class RsaKeys {

    static final int MIN_BITS = 1024;
    static final int MAX_BITS = 4096;
    static final int GENERATED_BITS = 2048;

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** PKCS#8's AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private RsaKeys() {
    }

    /** A key that is not usable for DKIM signing here; the message completes "privateKey ...". */
    static final class Unusable extends IllegalArgumentException {

        Unusable(String message) {
            super(message, null);
        }
    }

    /** The key in {@code pem}; throws {@link Unusable} saying what is wrong with it. */
    static RSAPrivateCrtKey read(String pem) {
        Matcher block = pem == null ? null : PEM.matcher(pem);
        if (block == null || !block.find()) {
            throw new Unusable("must be a PEM private key (-----BEGIN PRIVATE KEY----- or"
                    + " -----BEGIN RSA PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2));
        } catch (IllegalArgumentException e) {
            throw new Unusable("is not valid PEM: its base64 does not decode");
        }
        RSAPrivateCrtKey key = switch (block.group(1)) {
            case "PRIVATE KEY" -> pkcs8(der);
            case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1(der));
            case "ENCRYPTED PRIVATE KEY" -> throw new Unusable("is encrypted: give the key without a passphrase");
            case "EC PRIVATE KEY" -> throw new Unusable("is an EC key: DKIM signing needs an RSA key (rsa-sha256)");
            case "PUBLIC KEY", "RSA PUBLIC KEY" -> throw new Unusable("is a public key: give the private key");
            default -> throw new Unusable("is a PEM \"" + block.group(1) + "\", not a private key");
        };
        int bits = key.getModulus().bitLength();
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new Unusable("is an RSA key of " + bits + " bits: DKIM needs " + MIN_BITS + " to " + MAX_BITS
                    + " bits (" + GENERATED_BITS + " recommended)");
        }
        return key;
    }

    /** A new key of {@value #GENERATED_BITS} bits. */
    static RSAPrivateCrtKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_BITS);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK generates RSA keys", e);
        }
    }

    /** The key as PKCS#8 PEM, how Crier stores it. */
    static String pem(RSAPrivateCrtKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The DNS TXT record that publishes the key's public half (RFC 6376, section 3.6.1). */
    static String dnsRecord(RSAPrivateCrtKey key) {
        try {
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An RSA key's public half is always encodable", e);
        }
    }

    private static RSAPrivateCrtKey pkcs8(byte[] der) {
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                    instanceof RSAPrivateCrtKey key) {
                return key;
            }
            throw new Unusable("lacks the public half of the key pair (an RSA key without CRT values)");
        } catch (InvalidKeySpecException notRsa) {
            String algorithm = otherAlgorithm(der);
            throw new Unusable(algorithm != null
                    ? "is an " + algorithm + " key: DKIM signing needs an RSA key (rsa-sha256)"
                    : "is not a readable RSA private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK reads RSA keys", e);
        }
    }

    /** Which other kind of key this PKCS#8 key is, for a clear answer; null if none the JDK knows. */
    private static String otherAlgorithm(byte[] der) {
        for (String algorithm : List.of("EC", "Ed25519", "Ed448", "DSA")) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return algorithm;
            } catch (GeneralSecurityException notThisOne) {
                // try the next
            }
        }
        return null;
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } } */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        info.writeBytes(derLength(content.size()));
        info.writeBytes(content.toByteArray());
        return info.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        byte[] value = BigInteger.valueOf(length).toByteArray();
        int skip = value[0] == 0 ? 1 : 0;
        byte[] encoded = new byte[value.length - skip + 1];
        encoded[0] = (byte) (0x80 | (value.length - skip));
        System.arraycopy(value, skip, encoded, 1, value.length - skip);
        return encoded;
    }
}
