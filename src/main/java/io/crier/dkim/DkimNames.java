package io.crier.dkim;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Domains and selectors as DNS names: lower case, internationalised names in their ASCII form. */
final class DkimNames {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private DkimNames() {
    }

    /** The name in canonical form, or empty if it is no valid DNS name. */
    static Optional<String> normalize(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            String ascii = IDN.toASCII(name.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return DNS_NAME.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
        } catch (IllegalArgumentException notAName) {
            return Optional.empty();
        }
    }

    /** Where the key's TXT record goes. */
    static String dnsName(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }
}
