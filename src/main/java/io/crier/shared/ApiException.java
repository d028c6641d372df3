package io.crier.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on. It becomes the error envelope
 * {@code {"success": false, "error": {"code", "message", "status", "details"}}}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldProblem> details;

    public ApiException(HttpStatus status, String code, String message, List<FieldProblem> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, List.of());
    }

    /** 404 with the resource's own code, e.g. {@code notFound("CAMPAIGN", "Campaign")}. */
    public static ApiException notFound(String resourceCode, String resourceName) {
        return new ApiException(HttpStatus.NOT_FOUND, resourceCode + "_NOT_FOUND", resourceName + " not found");
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static ApiException invalid(List<FieldProblem> problems) {
        return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "Validation failed", problems);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> details() {
        return details;
    }
}
