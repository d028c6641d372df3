package io.crier.compat.leadterra;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.stereotype.Component;

import io.crier.shared.ErrorBody;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorDialect;
import io.crier.shared.FieldProblem;

/**
 * Leadterra's error body for every error under {@code /leadterra/}:
 * {@code {"error": {"code": "...", "message": "..."}}}, plus {@code errors: [{field, message}]}
 * when fields are at fault (each also named in the message). Crier's codes become Leadterra's
 * where Leadterra has one, and lower-case snake case otherwise.
 */
@Component
class LeadterraErrors implements ErrorDialect {

    static final String INVALID_REQUEST = "invalid_request";
    static final String CAMPAIGN_NOT_FOUND = "campaign_not_found";
    static final String NO_LEADS_ENROLLED = "no_leads_enrolled";
    static final String NO_SEQUENCE_STEPS = "no_sequence_steps";
    static final String INVALID_LEADS = "invalid_leads";

    private static final Map<String, String> CODES = Map.of(
            ErrorCodes.VALIDATION_FAILED, INVALID_REQUEST,
            ErrorCodes.UNAUTHORIZED, "authentication_failed",
            ErrorCodes.FORBIDDEN, "permission_denied",
            "CAMPAIGN_NOT_FOUND", CAMPAIGN_NOT_FOUND,
            ErrorCodes.PAYLOAD_TOO_LARGE, "request_too_large",
            ErrorCodes.INVALID_STATE_TRANSITION, "invalid_state");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(Error error, List<FieldError> errors) {
    }

    record Error(String code, String message) {
    }

    record FieldError(String field, String message) {
    }

    @Override
    public String pathPrefix() {
        return "/leadterra/";
    }

    @Override
    public Object body(ErrorBody error) {
        List<FieldProblem> details = error.error().details();
        String message = error.error().message();
        if (details == null || details.isEmpty()) {
            return new Body(new Error(code(error.error()), message), null);
        }
        String named = details.stream().map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; "));
        return new Body(new Error(code(error.error()), message + ": " + named),
                details.stream().map(problem -> new FieldError(problem.field(), problem.message())).toList());
    }

    /** Leadterra's code: its own where it has one; a 400 is always {@code invalid_request} unless Leadterra names another. */
    private static String code(ErrorBody.Error error) {
        String code = error.code();
        if (code.equals(code.toLowerCase(Locale.ROOT))) {
            return code;
        }
        if (error.status() == 400) {
            return INVALID_REQUEST;
        }
        return CODES.getOrDefault(code, code.toLowerCase(Locale.ROOT));
    }
}
