package io.crier.signup;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import io.crier.access.KeyedBuckets;
import io.crier.access.SignInThrottle;
import io.crier.audience.AudienceSignups;
import io.crier.audience.AudienceSignups.SignedUp;
import io.crier.audience.AudienceSignups.SignupForm;
import io.crier.audience.EmailAddresses;
import io.crier.delivery.TransactionalMail;
import io.crier.shared.CrierProperties;
import io.crier.shared.RateLimitedException;
import io.crier.shared.StorableText;
import io.crier.signup.ConfirmationTokens.Confirmation;

/**
 * What a form post does, however it came (hosted page, embedded snippet, JSON): a filled honeypot
 * is answered as a success and does nothing; a flood from one client address or for one email
 * address is refused before anything is read; a bad address is refused; otherwise the audience
 * signs the address up and, when a confirmation is due, it is mailed in the same transaction.
 * The answer never tells whether the address was on the list already.
 */
@Service
class SignupForms {

    /** How long a confirmation link works. */
    static final Duration LINK_VALIDITY = Duration.ofDays(7);
    static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_USER_AGENT_LENGTH = 500;
    private static final int MAX_KEYS = 100_000;

    /** A form post, as the request gave it. */
    record Post(String email, String firstName, String honeypot, String source, String ipAddress, String userAgent) {
    }

    /** What the post did, for the page or the JSON answer. */
    enum Outcome {
        /** Mailed a confirmation, or would have (the answer is the same for a repeat or a bot). */
        CHECK_INBOX,
        /** Subscribed at once: the list has no double opt-in. */
        SUBSCRIBED
    }

    /** A post refused: the field at fault and why, for the form's dialect. */
    static final class Refused extends RuntimeException {

        private final String field;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final AudienceSignups audience;
    private final TransactionalMail mails;
    private final ConfirmationTokens tokens;
    private final TransactionTemplate transactions;
    private final String confirmBase;
    private final Clock clock;
    private final KeyedBuckets perClient = new KeyedBuckets("addresses posting signup forms", 10, 10,
            Duration.ofHours(1), MAX_KEYS);
    private final KeyedBuckets perEmail = new KeyedBuckets("emails signed up on forms", 3, 3,
            Duration.ofHours(1), MAX_KEYS);

    SignupForms(AudienceSignups audience, TransactionalMail mails, ConfirmationTokens tokens,
            TransactionTemplate transactions, CrierProperties properties, Clock clock) {
        this.audience = audience;
        this.mails = mails;
        this.tokens = tokens;
        this.transactions = transactions;
        this.confirmBase = properties.effectivePublicUrl() + SignupController.PATH + "/confirm/";
        this.clock = clock;
    }

    Optional<SignupForm> form(String listId) {
        return audience.form(listId);
    }

    Outcome submit(SignupForm form, Post post) {
        limit(perClient, SignInThrottle.clientOf(post.ipAddress()), "Too many sign-ups from this address");
        if (post.honeypot() != null && !post.honeypot().isEmpty()) {
            return form.doubleOptIn() ? Outcome.CHECK_INBOX : Outcome.SUBSCRIBED;
        }
        String email = EmailAddresses.normalize(post.email() == null ? "" : post.email())
                .orElseThrow(() -> new Refused("email", "Enter a valid email address"));
        limit(perEmail, email, "Too many sign-ups for this email address");
        String firstName = firstName(post.firstName());
        AudienceSignups.Signup signup = new AudienceSignups.Signup(email, firstName, post.source(),
                post.ipAddress(), userAgent(post.userAgent()));
        transactions.executeWithoutResult(status -> {
            SignedUp signedUp = audience.signUp(form, signup);
            if (signedUp.confirmationStamp() != null) {
                mailConfirmation(form, email, new Confirmation(form.listId(), signedUp.contactId(),
                        signedUp.confirmationStamp()));
            }
        });
        return form.doubleOptIn() ? Outcome.CHECK_INBOX : Outcome.SUBSCRIBED;
    }

    /** Confirms the link's sign-up; the list's name, or empty for a link expired, used or superseded. */
    Optional<String> confirm(String token) {
        return tokens.open(token)
                .filter(confirmation -> confirmation.mailedAt().plus(LINK_VALIDITY).isAfter(clock.instant()))
                .flatMap(confirmation -> audience.confirm(confirmation.listId(), confirmation.contactId(),
                        confirmation.mailedAt()));
    }

    /** Whether the token is one of Crier's confirmation links, still valid in time (used or not). */
    boolean looksValid(String token) {
        return tokens.open(token).filter(confirmation -> confirmation.mailedAt().plus(LINK_VALIDITY)
                .isAfter(clock.instant())).isPresent();
    }

    private void mailConfirmation(SignupForm form, String email, Confirmation confirmation) {
        String link = confirmBase + tokens.seal(confirmation);
        String list = HtmlUtils.htmlEscape(form.listName());
        mails.notice(form.workspaceId(), email, "Confirm your subscription to " + form.listName(),
                """
                <p>Please confirm that you want to receive <strong>%s</strong>.</p>
                <p><a href="%s">Yes, subscribe me</a></p>
                <p>If you did not ask for this, ignore this email: you will not be subscribed.</p>"""
                        .formatted(list, link),
                """
                Please confirm that you want to receive %s:
                %s

                If you did not ask for this, ignore this email: you will not be subscribed."""
                        .formatted(form.listName(), link));
    }

    private static String firstName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.trim();
        if (name.length() > MAX_NAME_LENGTH || StorableText.problem(name) != null) {
            throw new Refused("firstName", "Enter a first name of at most " + MAX_NAME_LENGTH
                    + " characters, without control characters");
        }
        return name;
    }

    /** The user agent as far as it fits and can be stored: proof of consent keeps it, it changes nothing. */
    private static String userAgent(String raw) {
        if (raw == null) {
            return null;
        }
        String cut = raw.length() > MAX_USER_AGENT_LENGTH ? raw.substring(0, MAX_USER_AGENT_LENGTH) : raw;
        return StorableText.problem(cut) == null ? cut : cut.replaceAll("[\\x00\\uD800-\\uDFFF]", "");
    }

    private static void limit(KeyedBuckets buckets, String key, String why) {
        ConsumptionProbe probe = buckets.of(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw RateLimitedException.after(why, probe.getNanosToWaitForRefill());
        }
    }
}
