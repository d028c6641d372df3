package io.crier.feedback.inbound;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Auto-replies and out-of-office notices, which are neither bounces nor replies: RFC 3834's
 * {@code Auto-Submitted} (any value but {@code no}), the {@code X-Autoreply} and
 * {@code X-Autorespond} headers of common vacation programs, {@code Precedence: auto_reply}, and
 * the subjects mail programs give them (English, German, French, Spanish, Dutch). Asked only once
 * the message is known to be no bounce or report, which carry {@code Auto-Submitted} too.
 */
final class AutoReplies {

    private static final Pattern SUBJECT = Pattern.compile(
            "^(auto(matic|matische)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheit|"
                    + "r[ée]ponse automatique|absence|respuesta autom[áa]tica|fuera de la oficina|"
                    + "automatisch antwoord|afwezig|on vacation|vacation|away from)",
            Pattern.CASE_INSENSITIVE);

    private AutoReplies() {
    }

    static boolean is(MimeMessage message) throws MessagingException {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (!autoSubmitted.isEmpty() && !autoSubmitted.equals("no")) {
            return true;
        }
        if (!header(message, "X-Autoreply").isEmpty() || !header(message, "X-Autorespond").isEmpty()) {
            return true;
        }
        if (header(message, "Precedence").equals("auto_reply")) {
            return true;
        }
        String subject = message.getSubject();
        return subject != null && SUBJECT.matcher(subject.strip()).find();
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ",");
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
