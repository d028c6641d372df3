package io.crier.shared;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes errors in the shape the request's API uses: Crier's envelope, or the body of the
 * {@link ErrorDialect} whose paths the request is on. Used by the exception handler and by
 * servlet filters, where no controller advice reaches.
 */
@Component
public class ErrorResponseWriter {

    private final JsonMapper json;
    private final List<ErrorDialect> dialects;

    ErrorResponseWriter(JsonMapper json, List<ErrorDialect> dialects) {
        this.json = json;
        this.dialects = List.copyOf(dialects);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException error)
            throws IOException {
        if (error instanceof RateLimitedException limited) {
            response.setHeader(RateLimitedException.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        write(request, response, error.status().value(), ErrorBody.of(error));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorBody body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body(request, body));
    }

    /** The error as the request's API shows it. */
    public Object body(HttpServletRequest request, ErrorBody body) {
        return dialectOf(request).<Object>map(dialect -> dialect.body(body)).orElse(body);
    }

    /** Whether the request is on a dialect's paths. */
    public boolean isDialect(HttpServletRequest request) {
        return dialectOf(request).isPresent();
    }

    private Optional<ErrorDialect> dialectOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return dialects.stream().filter(dialect -> path.startsWith(dialect.pathPrefix())).findFirst();
    }
}
