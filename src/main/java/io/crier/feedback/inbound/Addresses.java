package io.crier.feedback.inbound;

import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Addresses as reports and headers write them, read leniently and lowercased. */
final class Addresses {

    private Addresses() {
    }

    /**
     * The first address of a header value or report field: {@code "Ann" <ann@x.example>}, a bare
     * address, or an RFC 3464 typed one ({@code rfc822; ann@x.example}); null when there is none.
     */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        int semicolon = text.indexOf(';');
        if (semicolon >= 0 && !text.substring(0, semicolon).contains("@")) {
            text = text.substring(semicolon + 1).strip();
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(text, false);
            if (parsed.length > 0 && parsed[0].getAddress() != null && parsed[0].getAddress().contains("@")) {
                return normalize(parsed[0].getAddress());
            }
        } catch (AddressException unreadable) {
            // read below as plain text
        }
        String bare = text.replaceAll("^[<\\s]+|[>\\s.,;:]+$", "");
        return bare.contains("@") && !bare.contains(" ") ? normalize(bare) : null;
    }

    static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
