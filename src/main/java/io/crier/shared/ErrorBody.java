package io.crier.shared;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error envelope: {@code {"success": false, "error": {...}}}. */
public record ErrorBody(boolean success, Error error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, int status, List<FieldProblem> details, Long retryAfter) {
    }

    public static ErrorBody of(ApiException e) {
        return new ErrorBody(false, new Error(e.code(), e.getMessage(), e.status().value(), e.details(), null));
    }

    public static ErrorBody rateLimited(long retryAfterSeconds) {
        return new ErrorBody(false, new Error(ErrorCodes.RATE_LIMITED, "Too many requests; retry after "
                + retryAfterSeconds + " s", 429, List.of(), retryAfterSeconds));
    }
}
