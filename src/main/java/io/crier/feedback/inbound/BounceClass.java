package io.crier.feedback.inbound;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crier.feedback.BounceType;

/**
 * Hard or soft, by an RFC 3463 status code (5.x.x for good, 4.x.x for now), else by a bare SMTP
 * reply code (5xx, 4xx).
 */
final class BounceClass {

    static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    static final Pattern REPLY_CODE = Pattern.compile("\\b([45])\\d\\d\\b");

    private BounceClass() {
    }

    /** The first enhanced status code in the text, such as {@code 5.1.1}. */
    static Optional<String> status(String text) {
        Matcher matcher = STATUS.matcher(text == null ? "" : text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /** The type a status code or, failing one, an SMTP reply code in the text says; empty when neither is there. */
    static Optional<BounceType> of(String status, String text) {
        String code = status != null && STATUS.matcher(status).find() ? status : null;
        if (code != null) {
            return switch (code.strip().charAt(0)) {
                case '5' -> Optional.of(BounceType.HARD);
                case '4' -> Optional.of(BounceType.SOFT);
                default -> Optional.empty();
            };
        }
        Matcher reply = REPLY_CODE.matcher(text == null ? "" : text);
        return reply.find() ? Optional.of(reply.group(1).equals("5") ? BounceType.HARD : BounceType.SOFT)
                : Optional.empty();
    }
}
