package io.crier.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.crier.access.IdempotencyKeys.Answer;
import io.crier.access.IdempotencyKeys.Claim;
import io.crier.shared.ApiException;
import io.crier.shared.BufferedBody;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorResponseWriter;

/**
 * AutoSend's {@code Idempotency-Key} on every POST of every API chain: the first call with a key
 * claims it in the database ({@link IdempotencyKeys}) and runs; its answer (status, body, Location)
 * is kept 24 hours. The same key with the same request (method, path, query and body bytes) is
 * answered that answer again, with {@code Idempotent-Replayed: true}, and runs nothing; with
 * another request it is a 409. A caller whose twin is still running waits up to {@link #WAIT} for
 * its answer, then gets a 409 to retry. A call that ends in a 5xx or 429 frees its key. Multipart
 * bodies (the CSV import) are passed through without it.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private final IdempotencyKeys keys;
    private final ErrorResponseWriter errors;

    IdempotencyFilter(IdempotencyKeys keys, ErrorResponseWriter errors) {
        this.keys = keys;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || !"POST".equals(request.getMethod()) || isMultipart(request)
                || !(SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication auth)) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            errors.write(request, response, ApiException.invalid(HEADER,
                    "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters"));
            return;
        }
        UUID workspaceId = auth.getPrincipal().workspaceId();
        BufferedRequest buffered = new BufferedRequest(request);
        String hash = hash(buffered);
        Claim claim = keys.claim(workspaceId, key, hash);
        if (!claim.claimed()) {
            answerAgain(request, response, awaitAnswer(workspaceId, key, claim), hash);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(buffered, answer);
        } catch (IOException | ServletException | RuntimeException e) {
            keys.release(workspaceId, key);
            throw e;
        }
        int status = answer.getStatus();
        if (status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            keys.release(workspaceId, key);
        } else {
            keys.answer(workspaceId, key, new Answer(status, answer.getContentType(),
                    answer.getHeader(HttpHeaders.LOCATION), answer.getContentAsByteArray()));
        }
        answer.copyBodyToResponse();
    }

    /** The row of the call that holds the key, once it has an answer or {@link #WAIT} has passed. */
    private Claim awaitAnswer(UUID workspaceId, String key, Claim claim) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Claim current = claim;
        while (current.answer().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = keys.existing(workspaceId, key).orElse(current);
        }
        return current;
    }

    private void answerAgain(HttpServletRequest request, HttpServletResponse response, Claim claim, String hash)
            throws IOException {
        if (!claim.requestHash().equals(hash)) {
            errors.write(request, response, new ApiException(HttpStatus.CONFLICT, ErrorCodes.IDEMPOTENCY_KEY_REUSED,
                    HEADER + " was already used with another request in the last 24 hours: use a new key"));
            return;
        }
        Optional<Answer> answer = claim.answer();
        if (answer.isEmpty()) {
            errors.write(request, response, new ApiException(HttpStatus.CONFLICT,
                    ErrorCodes.IDEMPOTENCY_KEY_IN_PROGRESS, "A request with this " + HEADER
                            + " is still being processed: retry it in a moment"));
            return;
        }
        response.setStatus(answer.get().status());
        if (answer.get().contentType() != null) {
            response.setContentType(answer.get().contentType());
        }
        if (answer.get().location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.get().location());
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(answer.get().body());
    }

    private static String hash(BufferedRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + request.getQueryString() + '\n').getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(request.body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The request with its body read once (within the size limit already on it), for the hash and the call. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request) throws IOException {
            super(request);
            this.body = request.getInputStream().readAllBytes();
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BufferedBody(body);
        }
    }
}
