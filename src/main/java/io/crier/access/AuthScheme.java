package io.crier.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpStatus;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;

/** How an API carries the API key in the {@code Authorization} header. */
public enum AuthScheme {

    /** {@code Bearer <API key>}: the native API, AutoSend and Leadterra. */
    BEARER("Bearer", "<API key>", "") {
        @Override
        String key(String credentials) {
            return credentials.trim();
        }
    },

    /** {@code Basic base64("<API key>:")}: the API key as user name and an empty password (Blueshift). */
    BASIC_USER_NAME("Basic", "<base64 of \"<API key>:\">", " (the API key as user name, an empty password)") {
        @Override
        String key(String credentials) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                throw malformed();
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0 || colon != decoded.length() - 1) {
                throw malformed();
            }
            return decoded.substring(0, colon);
        }
    };

    private final String prefix;
    private final String form;
    private final String hint;

    AuthScheme(String name, String credentials, String hint) {
        this.prefix = name + " ";
        this.form = name + " " + credentials;
        this.hint = hint;
    }

    /**
     * The API key in an {@code Authorization} header of this scheme; a 401 for a header of another
     * scheme or of the wrong form.
     */
    String keyFrom(String header) {
        if (!header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw malformed();
        }
        return key(header.substring(prefix.length()));
    }

    abstract String key(String credentials);

    ApiException malformed() {
        return unauthorized("The Authorization header must be '" + form + "'" + hint);
    }

    ApiException missing() {
        return unauthorized("Missing API key: send 'Authorization: " + form + "'" + hint);
    }

    static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, message);
    }
}
