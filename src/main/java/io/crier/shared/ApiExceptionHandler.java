package io.crier.shared;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

/**
 * Every failure of a request becomes the error envelope (or, on a dialect's paths, that dialect's
 * error body: {@link ErrorResponseWriter}), with the right status and, for bad input, the field it
 * concerns. Nothing a client sends may produce a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** SQL states of unique, foreign-key, not-null and check violations (SQL:2016, class 23). */
    private static final String INTEGRITY_CONSTRAINT_CLASS = "23";

    private final ErrorResponseWriter errors;

    ApiExceptionHandler(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    /** JSON whatever the request accepts: a live stream's refusal too, asked for as text/event-stream. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e instanceof RateLimitedException limited) {
            answer.header(RateLimitedException.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return answer.body(errors.body(request, ErrorBody.of(e)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return handleApi(ApiException.invalid(e.getName(), "has an invalid value \"" + e.getValue() + "\""), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return handleApi(ApiException.invalid(problems), request);
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<Object> handleTooLarge(RequestTooLargeException e, HttpServletRequest request) {
        return handleApi(new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE, e.getMessage()),
                request);
    }

    /** A multipart body that cannot be parsed: no boundary, cut short, not multipart at all. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> handleMalformedMultipart(MultipartException e, HttpServletRequest request) {
        return handleApi(ApiException.invalid("body", "is not a well-formed multipart/form-data body"), request);
    }

    /**
     * What the database refused though the request passed every check: a row it refers to was
     * deleted, or one it adds was added, by a request at the same time (409); or a value no check
     * caught (400). Either way the transaction rolled back whole. The database's message names the
     * values, addresses among them, so only its SQL state is logged.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleRefusedByDatabase(DataIntegrityViolationException e, HttpServletRequest request) {
        SQLException cause = causeOfType(e, SQLException.class);
        String state = cause == null ? null : cause.getSQLState();
        log.warn("The database refused a request to {} (SQL state {})", request.getRequestURI(), state);
        ApiException answer = state != null && state.startsWith(INTEGRITY_CONSTRAINT_CLASS)
                ? new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The request conflicts with a change made"
                        + " at the same time; read what is stored now and try again")
                : ApiException.invalid("body", "holds a value that cannot be stored");
        return handleApi(answer, request);
    }

    /**
     * A lock the request waited for was held too long by another request or the delivery engine (H2
     * gives up after 2 s; Spring reports that as a query timeout), or the database broke a deadlock
     * with it: 409, since the transaction rolled back whole and a retry is safe.
     */
    @ExceptionHandler({ PessimisticLockingFailureException.class, QueryTimeoutException.class })
    ResponseEntity<Object> handleLockWaitGivenUp(DataAccessException e, HttpServletRequest request) {
        SQLException cause = causeOfType(e, SQLException.class);
        log.warn("A request to {} gave up waiting for a lock (SQL state {})", request.getRequestURI(),
                cause == null ? null : cause.getSQLState());
        return handleApi(new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "The request waited too long for"
                + " a change made at the same time and changed nothing; try again"), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error", e);
        return handleApi(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR,
                "An unexpected error occurred"), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem("body", error.getDefaultMessage())));
        return handleApi(ApiException.invalid(problems), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLargeException tooLarge = causeOfType(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return handleTooLarge(tooLarge, servlet(request));
        }
        JacksonException jackson = causeOfType(e, JacksonException.class);
        FieldProblem problem = jackson != null
                ? RequestProblems.fromJackson(jackson)
                : new FieldProblem("body", "is missing or unreadable");
        return handleApi(ApiException.invalid(List.of(problem)), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleApi(ApiException.invalid(e.getParameterName(), "is required"), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleApi(ApiException.invalid(e.getRequestPartName(), "is required"), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleTooLarge(new RequestTooLargeException(e.getMaxUploadSize()), servlet(request));
    }

    /** Every other Spring MVC failure (405, 406, 415, unknown path...) in our envelope. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String code = switch (status) {
            case NOT_FOUND -> ErrorCodes.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCodes.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case BAD_REQUEST -> ErrorCodes.VALIDATION_FAILED;
            default -> status.name();
        };
        String message = status == HttpStatus.NOT_FOUND ? "Not found" : status.getReasonPhrase();
        ErrorBody error = ErrorBody.of(new ApiException(status, code, message));
        return ResponseEntity.status(status).headers(headers).body(errors.body(servlet(request), error));
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }
}
