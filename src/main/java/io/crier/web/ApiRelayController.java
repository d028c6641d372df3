package io.crier.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The dashboard calls the public {@code /v1} API as {@code /app/api/v1/...}: this forwards each call
 * to {@code /v1/...} inside the server with the session's key as its bearer token. The forwarded
 * request passes through the API's own security chain, so scopes, rate limits, validation and the
 * error envelope are exactly those every API client gets; the dashboard has no private door into
 * any module. (The session chain in front of it has already checked the session and, for
 * changes, the CSRF token.)
 */
@Controller
class ApiRelayController {

    private static final String PREFIX = "/app/api";

    @RequestMapping(PREFIX + "/v1/**")
    void relay(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String key = (String) request.getSession().getAttribute(DashboardSecurity.API_KEY);
        String target = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        request.getRequestDispatcher(target).forward(new WithBearerKey(request, key), response);
    }

    /**
     * The request as an API client would send it: with {@code Authorization: Bearer <key>}, and no
     * session. The API is stateless; were the dashboard's session visible, the API chain would take
     * each call for a new sign-in and change the session's id under the page's other calls.
     */
    private static final class WithBearerKey extends HttpServletRequestWrapper {

        private final String authorization;

        WithBearerKey(HttpServletRequest request, String key) {
            super(request);
            this.authorization = "Bearer " + key;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? Collections.enumeration(Set.of(authorization)) : super.getHeaders(name);
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (create) {
                throw new IllegalStateException("API calls are stateless");
            }
            return null;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
            names.add(HttpHeaders.AUTHORIZATION);
            return Collections.enumeration(names);
        }
    }
}
