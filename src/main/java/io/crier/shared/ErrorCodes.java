package io.crier.shared;

/** Error codes shared by several modules. AutoSend's own codes where it has one. */
public final class ErrorCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String CONFLICT = "CONFLICT";
    public static final String INVALID_STATE_TRANSITION = "INVALID_STATE_TRANSITION";
    /** A pause or abort holds, but not every node has confirmed that it stopped sending (503). */
    public static final String FENCE_NOT_CONFIRMED = "FENCE_NOT_CONFIRMED";
    /** An Idempotency-Key sent again with another request than the one it was first sent with (409). */
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    /** An Idempotency-Key whose first call is still running (409): retry in a moment. */
    public static final String IDEMPOTENCY_KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {
    }
}
