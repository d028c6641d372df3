package io.crier.feedback.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.crier.feedback.BounceType;
import io.crier.feedback.Feedback;
import io.crier.feedback.Trace;

/**
 * Bounces that are no RFC 3464 report: Exim's, qmail's, Exchange's and Gmail's human-readable
 * ones, and the like. The heuristic (docs/api.md, "Inbound mail"):
 * <ol>
 * <li>It is a bounce when it comes from a mail system ({@code MAILER-DAEMON}, {@code postmaster},
 * {@code mail-daemon}) or its subject is a bounce's ("Undelivered Mail Returned to Sender",
 * "Mail delivery failed", "failure notice", "Undeliverable:", "Delivery Status Notification
 * (Failure)", "Returned mail"...). A delay warning is no bounce.</li>
 * <li>Hard or soft by the first enhanced status code in its text (5.x.x, 4.x.x), else the first SMTP
 * reply code (550, 452), else by its words: "mailbox full", "quota", "try again" and the like are
 * soft, "does not exist", "user unknown", "no such user" and the like hard; a bounce that says
 * neither is soft, so an unclear report never suppresses an address at once.</li>
 * <li>The recipient is the address the text names in one of the known shapes (Exim's failed
 * address list, qmail's {@code <address>:}, "delivered to", "RCPT TO:&lt;address&gt;"), else the
 * returned message's To.</li>
 * <li>Message-IDs come from the returned message, else from Message-ID lines quoted in the text.</li>
 * </ol>
 */
final class NonStandardBounces {

    private static final Pattern MAIL_SYSTEM = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|returned mail|mail delivery failed"
            + "|delivery (status notification \\(failure\\)|failure|has failed|failed)|failure notice"
            + "|could not be delivered|mail system error|non[- ]?delivery|address not found", Pattern.CASE_INSENSITIVE);
    private static final Pattern DELAY = Pattern.compile("delay|delayed|warning: message|will retry",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SOFT_WORDS = Pattern.compile("mailbox (is )?full|quota|try again|temporar"
            + "|deferred|greylist|insufficient (system )?storage|over (the )?limit", Pattern.CASE_INSENSITIVE);
    private static final Pattern HARD_WORDS = Pattern.compile("does ?n[o']t exist|no such (user|mailbox|recipient)"
            + "|user unknown|unknown (user|recipient)|recipient (address )?rejected|address rejected"
            + "|invalid (recipient|address|mailbox)|couldn't be found|could not be found|not found"
            + "|account (has been )?disabled|mailbox unavailable", Pattern.CASE_INSENSITIVE);
    private static final String ADDRESS = "([^\\s<>\"(),;:@]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})";
    private static final List<Pattern> RECIPIENT_SHAPES = List.of(
            Pattern.compile("RCPT TO:\\s*<" + ADDRESS + ">", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?m)^<" + ADDRESS + ">:\\s*$"),
            Pattern.compile("following address(?:\\(es\\))? failed:\\s+<?" + ADDRESS, Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?:wasn't|was not|couldn't be|could not be) delivered to\\s+<?" + ADDRESS,
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("Your message to\\s+<?" + ADDRESS, Pattern.CASE_INSENSITIVE),
            Pattern.compile("failed to these recipients or groups:\\s+<?" + ADDRESS, Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?:^|\\s)Recipient address:\\s+<?" + ADDRESS, Pattern.CASE_INSENSITIVE));
    private static final Pattern REPLY_LINE = Pattern.compile("\\b[45][0-5]\\d[ -]\\S");
    private static final int MAX_REASON = 500;

    private NonStandardBounces() {
    }

    /** Whether the message looks like a bounce, by its sender or subject (step 1). */
    static boolean looksLikeOne(MimeMessage message) throws MessagingException {
        return fromMailSystem(message) || bounceSubject(message);
    }

    static ParsedMail read(MimeMessage message, String envelopeRecipient) throws MessagingException, IOException {
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        if (DELAY.matcher(subject).find() && !bounceSubject(message)) {
            return new ParsedMail.Ignored("delivery-status", "a delay warning, not a bounce: " + subject);
        }
        String text = MimeParts.bodyText(message).orElse("");
        Optional<String> status = BounceClass.status(text);
        Optional<String> replyLine = lineWith(text, REPLY_LINE);
        BounceType type = BounceClass.of(status.orElse(null), replyLine.orElse(""))
                .orElseGet(() -> byWords(text));
        Optional<ReturnedMessage> returned = ReturnedMessage.of(message);
        String recipient = recipient(text).orElseGet(() -> returned.map(ReturnedMessage::to).orElse(null));
        List<String> messageIds = new ArrayList<>(returned.map(ReturnedMessage::messageIds)
                .orElseGet(() -> ReturnedMessage.quotedInText(text)));
        String reason = status.flatMap(code -> lineWith(text, Pattern.compile(Pattern.quote(code))))
                .or(() -> replyLine)
                .or(() -> lineWith(text, type == BounceType.HARD ? HARD_WORDS : SOFT_WORDS))
                .orElse(subject);
        Trace trace = new Trace(envelopeRecipient, messageIds, recipient, null);
        return new ParsedMail.Heard(new Feedback.Bounce(trace, type,
                status.orElse(type == BounceType.HARD ? "5.0.0" : "4.0.0"), clip(reason)));
    }

    private static BounceType byWords(String text) {
        if (SOFT_WORDS.matcher(text).find()) {
            return BounceType.SOFT;
        }
        return HARD_WORDS.matcher(text).find() ? BounceType.HARD : BounceType.SOFT;
    }

    private static Optional<String> recipient(String text) {
        for (Pattern shape : RECIPIENT_SHAPES) {
            Matcher matcher = shape.matcher(text);
            if (matcher.find()) {
                return Optional.of(Addresses.normalize(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lineWith(String text, Pattern pattern) {
        for (String line : text.split("\r?\n")) {
            if (pattern.matcher(line).find()) {
                return Optional.of(line.strip());
            }
        }
        return Optional.empty();
    }

    private static boolean fromMailSystem(MimeMessage message) throws MessagingException {
        String from = message.getHeader("From", ",");
        if (from == null) {
            return false;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            return addresses.length > 0 && addresses[0].getAddress() != null
                    && MAIL_SYSTEM.matcher(addresses[0].getAddress().toLowerCase(Locale.ROOT)).find();
        } catch (jakarta.mail.internet.AddressException unreadable) {
            return false;
        }
    }

    private static boolean bounceSubject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject != null && BOUNCE_SUBJECT.matcher(subject).find();
    }

    private static String clip(String reason) {
        String oneLine = reason.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON);
    }
}
