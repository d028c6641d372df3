package io.crier.shared;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error envelope: {@code {"success": false, "error": {...}}}. */
public record ErrorBody(boolean success, Error error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, int status, List<FieldProblem> details, Long retryAfter) {
    }

    public static ErrorBody of(ApiException e) {
        Long retryAfter = e instanceof RateLimitedException limited ? limited.retryAfterSeconds() : null;
        return new ErrorBody(false, new Error(e.code(), e.getMessage(), e.status().value(), e.details(), retryAfter));
    }
}
