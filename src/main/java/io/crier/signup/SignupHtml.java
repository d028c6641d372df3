package io.crier.signup;

import org.springframework.web.util.HtmlUtils;

import io.crier.audience.AudienceSignups.SignupForm;

/**
 * A list's signup form as HTML, for the hosted page and the embeddable snippet alike: a plain
 * form without script, every value escaped. The {@code website} field is the honeypot: hidden
 * from people (off screen, out of the tab order, no autofill), filled by bots that fill every field.
 */
final class SignupHtml {

    static final String HONEYPOT = "website";

    private SignupHtml() {
    }

    static String form(SignupForm form, String action, String source) {
        return """
                <form method="post" action="%s" accept-charset="utf-8">
                <input type="hidden" name="source" value="%s">
                <p><label>Email <input type="email" name="email" required maxlength="254" autocomplete="email"></label></p>
                <p><label>First name <input type="text" name="firstName" maxlength="%d" autocomplete="given-name"></label></p>
                <p aria-hidden="true" style="position:absolute;left:-10000px"><label>Leave this empty <input type="text" name="%s" tabindex="-1" autocomplete="off"></label></p>
                <p>%s</p>
                <button type="submit">Subscribe</button>
                </form>""".formatted(escape(action), escape(source), SignupForms.MAX_NAME_LENGTH, HONEYPOT,
                escape(form.consentText()));
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
