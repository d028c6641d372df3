package io.crier.audience;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.crier.shared.ApiException;

/**
 * Email addresses as Crier keeps them: trimmed and lower-cased, so that two spellings of one
 * address are one contact. Accepts the dot-atom addresses mail is actually sent to (no quoted
 * local parts, no IP literals) on a domain of at least two labels.
 */
public final class EmailAddresses {

    /** The longest address SMTP can carry in a forward path (RFC 5321 section 4.5.3.1.3). */
    public static final int MAX_LENGTH = 254;

    private static final String ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*\\.(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})");
    private static final int MAX_LOCAL_PART = 64;

    private EmailAddresses() {
    }

    /** The address in its stored form, or empty if it is not a valid address. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = raw.trim().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_LENGTH || address.indexOf('@') > MAX_LOCAL_PART
                || !ADDRESS.matcher(address).matches()) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /** The distinct addresses in stored form, or a 400 naming {@code field[i]} for the first that is none. */
    static List<String> requireAll(String field, List<String> given) {
        Set<String> stored = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            int index = i;
            stored.add(normalize(given.get(i)).orElseThrow(() -> ApiException.invalid(
                    field + "[" + index + "]", "must be a valid email address")));
        }
        return List.copyOf(stored);
    }
}
