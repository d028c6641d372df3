package io.crier.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code /v1} (or vendor dialect) query string with a parameter that is no storable text: a broken percent
 * escape, bytes that are not UTF-8, or what {@link StorableText} refuses. Tomcat fails on the
 * first two only when a controller reads the parameter, and PostgreSQL on a NUL only when a query
 * binds it; both would be a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class QueryStringFilter extends OncePerRequestFilter {

    private final ErrorResponseWriter errors;

    QueryStringFilter(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getQueryString() == null
                || !(request.getRequestURI().startsWith("/v1/") || errors.isDialect(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FieldProblem problem = problem(request.getQueryString());
        if (problem != null) {
            errors.write(request, response, ApiException.invalid(problem.field(), problem.message()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The first parameter of this raw query string that is no storable text, or null. */
    static FieldProblem problem(String query) {
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
            String name;
            try {
                name = decode(rawName);
            } catch (IllegalArgumentException | CharacterCodingException e) {
                return new FieldProblem("query", "has a parameter name that is not percent-encoded UTF-8 text");
            }
            String nameProblem = StorableText.problem(name);
            if (nameProblem != null) {
                return new FieldProblem("query", "has a parameter name that " + nameProblem);
            }
            if (equals >= 0) {
                try {
                    String valueProblem = StorableText.problem(decode(parameter.substring(equals + 1)));
                    if (valueProblem != null) {
                        return new FieldProblem(name, valueProblem);
                    }
                } catch (IllegalArgumentException | CharacterCodingException e) {
                    return new FieldProblem(name, "is not percent-encoded UTF-8 text");
                }
            }
        }
        return null;
    }

    /** Percent-decoding as forms do ({@code +} is a space), then strict UTF-8. */
    private static String decode(String encoded) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    throw new IllegalArgumentException("a % not followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    }
}
