package io.crier.shared;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: {@code crier.limits.body-size} for ordinary calls, the larger
 * {@code crier.limits.import-body-size} for bulk imports and {@code crier.limits.mail-body-size}
 * for transactional mail with its attachments. A declared length over the limit is
 * refused before reading; a chunked body is cut off when it passes the limit. A multipart body is
 * parsed into parts on the contact import alone ({@link MultipartImports}), which needs a key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    @ConfigurationProperties("crier.limits")
    record Limits(@DefaultValue("1MB") DataSize bodySize, @DefaultValue("64MB") DataSize importBodySize,
            @DefaultValue("16MB") DataSize mailBodySize) {
    }

    private final Limits limits;
    private final ErrorResponseWriter errors;

    RequestSizeLimitFilter(Limits limits, ErrorResponseWriter errors) {
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isImport(request) ? limits.importBodySize().toBytes()
                : isMail(request) ? limits.mailBodySize().toBytes() : limits.bodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            errors.write(request, response, new ApiException(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE,
                    new RequestTooLargeException(limit).getMessage()));
            return;
        }
        if (isMultipart(request) && !isMultipartImport(request)) {
            // Taken as a stream, the body is no form to Tomcat: a filter asking for a parameter (the
            // dashboard's CSRF check, before sign-in) or a controller's @RequestParam does not parse
            // it into parts, on disk, under the import's limit. Only the contact import reads parts.
            request.getInputStream();
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Contact imports, which read their rows one at a time. (Leadterra's leads/bulk holds its at
     * most 1,000 leads at once, so it takes an ordinary body.)
     */
    private static boolean isImport(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.endsWith("/contacts/import") || path.endsWith("/contacts/bulk");
    }

    /** Transactional mail, whose attachments come base64 in the body (crier.mail.attachments.*). */
    private static boolean isMail(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.endsWith("/v1/mails/send") || path.endsWith("/v1/mails/bulk");
    }

    /** The CSV import, which alone takes its file as a multipart form. */
    static boolean isMultipartImport(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/contacts/import");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
