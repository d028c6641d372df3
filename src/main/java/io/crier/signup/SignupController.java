package io.crier.signup;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.audience.AudienceSignups.SignupForm;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.PublicPage;
import io.crier.shared.RateLimitedException;

/**
 * The public signup pages, without an API key: a public list's hosted form ({@code GET /f/{listId}}),
 * the post of that form or of the embedded snippet (form-encoded, answered with a page) or of a
 * site's own code (JSON, answered with JSON), and the double opt-in link. As on the unsubscribe
 * pages, a GET changes nothing (link scanners open links): the link's page confirms by a POST.
 * Nothing here reads a cookie or a session, so a post forged from another site can do no more
 * than any visitor can, and an address is only subscribed through the mailed link.
 */
@Hidden
@RestController
@RequestMapping(SignupController.PATH)
class SignupController {

    static final String PATH = "/f";

    private final SignupForms forms;

    SignupController(SignupForms forms) {
        this.forms = forms;
    }

    @GetMapping("/{listId}")
    ResponseEntity<String> page(@PathVariable String listId) {
        return forms.form(listId).map(form -> formPage(HttpStatus.OK, form, ""))
                .orElseGet(SignupController::noForm);
    }

    @PostMapping(path = "/{listId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> post(@PathVariable String listId, @RequestParam(required = false) String email,
            @RequestParam(required = false) String firstName,
            @RequestParam(name = SignupHtml.HONEYPOT, required = false) String honeypot,
            @RequestParam(required = false) String source, HttpServletRequest request) {
        Optional<SignupForm> found = forms.form(listId);
        if (found.isEmpty()) {
            return noForm();
        }
        SignupForm form = found.get();
        String from = "hosted".equals(source) ? "hosted" : "embedded";
        try {
            return done(forms.submit(form, new SignupForms.Post(email, firstName, honeypot, from,
                    request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT))));
        } catch (SignupForms.Refused refused) {
            return formPage(HttpStatus.BAD_REQUEST, form, "<p role=\"alert\"><strong>"
                    + SignupHtml.escape(refused.getMessage()) + "</strong></p>");
        } catch (RateLimitedException limited) {
            return PublicPage.of(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-ups",
                    "<h1>Please try again later</h1><p>" + SignupHtml.escape(limited.getMessage()) + ".</p>");
        }
    }

    /** {@code {"email", "firstName", "website"}} from a site's own code: 202, or 400 naming the field. */
    record JsonSignup(String email, String firstName, String website) {
    }

    @PostMapping(path = "/{listId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<Void>> postJson(@PathVariable String listId, @RequestBody JsonSignup body,
            HttpServletRequest request) {
        SignupForm form = forms.form(listId).orElseThrow(() -> ApiException.notFound("FORM", "Signup form"));
        try {
            SignupForms.Outcome outcome = forms.submit(form, new SignupForms.Post(body.email(), body.firstName(),
                    body.website(), "api", request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)));
            return ResponseEntity.accepted().body(ApiResponse.message(outcome == SignupForms.Outcome.SUBSCRIBED
                    ? "Subscribed" : "Check your inbox to confirm the subscription"));
        } catch (SignupForms.Refused refused) {
            throw ApiException.invalid(refused.field(), refused.getMessage());
        }
    }

    @GetMapping("/confirm/{token}")
    ResponseEntity<String> confirmPage(@PathVariable String token) {
        if (!forms.looksValid(token)) {
            return linkNotValid();
        }
        return PublicPage.of(HttpStatus.OK, "Confirm your subscription", """
                <h1>Confirm your subscription</h1>
                <form method="post" action="%s/confirm/%s">
                <button type="submit">Yes, subscribe me</button>
                </form>""".formatted(PATH, SignupHtml.escape(token)));
    }

    @PostMapping("/confirm/{token}")
    ResponseEntity<String> confirm(@PathVariable String token) {
        return forms.confirm(token)
                .map(list -> PublicPage.of(HttpStatus.OK, "Subscribed", "<h1>You are subscribed</h1><p>Welcome to "
                        + SignupHtml.escape(list) + ".</p>"))
                .orElseGet(SignupController::linkNotValid);
    }

    private static ResponseEntity<String> formPage(HttpStatus status, SignupForm form, String notice) {
        return PublicPage.of(status, "Subscribe to " + SignupHtml.escape(form.listName()),
                "<h1>Subscribe to " + SignupHtml.escape(form.listName()) + "</h1>\n" + notice
                        + SignupHtml.form(form, PATH + "/" + form.listId(), "hosted"));
    }

    private static ResponseEntity<String> done(SignupForms.Outcome outcome) {
        return outcome == SignupForms.Outcome.SUBSCRIBED
                ? PublicPage.of(HttpStatus.OK, "Subscribed", "<h1>You are subscribed</h1>")
                : PublicPage.of(HttpStatus.OK, "Check your inbox", """
                        <h1>Check your inbox</h1>
                        <p>We sent you an email with a link: follow it to confirm your subscription.</p>""");
    }

    private static ResponseEntity<String> noForm() {
        return PublicPage.of(HttpStatus.NOT_FOUND, "No such form", "<h1>This form does not exist</h1>");
    }

    /** A link forged, changed, expired, used already or superseded by a newer mail: one answer for all. */
    private static ResponseEntity<String> linkNotValid() {
        return PublicPage.of(HttpStatus.NOT_FOUND, "Link not valid", """
                <h1>This link is not valid</h1>
                <p>It may have expired or been used already. Sign up again to get a new one.</p>""");
    }
}
