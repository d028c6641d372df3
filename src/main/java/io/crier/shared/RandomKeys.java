package io.crier.shared;

import java.util.Base64;

/** Keys given in the configuration as base64 of random bytes, as {@code openssl rand -base64 32} makes them. */
final class RandomKeys {

    static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 32";

    private RandomKeys() {
    }

    /** The bytes of standard or URL-safe base64, padded or not; none for anything else. */
    static byte[] decode(String base64) {
        String text = base64.strip();
        try {
            return (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(text);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }
}
