package io.crier.mcp;

import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.crier.shared.BufferedBody;

/**
 * Calls Crier's own HTTP API inside the server, as the dashboard's relay does: the caller's MCP
 * request is forwarded to the API's path, so it passes through the API's security chain, its
 * controllers, their validation and their error envelope exactly as a client's call does. The
 * answer is kept in memory, not written to the MCP response.
 */
final class InProcessApi {

    /** What the API answered. */
    record Answer(int status, String body) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private InProcessApi() {
    }

    /**
     * Stands under {@link KeptResponse}, which answers every call the API makes: not the caller's
     * response, which Tomcat would otherwise finish after the forward (it unwraps a wrapped response
     * to do so), leaving nothing for the MCP server to answer with.
     */
    private static final HttpServletResponse NOWHERE = (HttpServletResponse) Proxy.newProxyInstance(
            InProcessApi.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
            (proxy, method, arguments) -> switch (method.getName()) {
                case "toString" -> "no response";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == arguments[0];
                default -> nothing(method.getReturnType());
            });

    private static Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return Integer.valueOf(0);
        }
        return type == long.class ? Long.valueOf(0) : null;
    }

    /** {@code method pathAndQuery} with {@code body} (JSON, or null for none), as the caller of {@code request}. */
    static Answer call(HttpServletRequest request, String method, String pathAndQuery, byte[] body)
            throws ServletException, IOException {
        KeptResponse kept = new KeptResponse();
        request.getRequestDispatcher(pathAndQuery).forward(new ApiRequest(request, method, body), kept);
        return new Answer(kept.status, kept.text());
    }

    /** The caller's request with another method and body, and no session: the API is stateless. */
    private static final class ApiRequest extends HttpServletRequestWrapper {

        private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length");

        private final String method;
        private final byte[] body;

        ApiRequest(HttpServletRequest request, String method, byte[] body) {
            super(request);
            this.method = method;
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getContentType() {
            return body.length == 0 ? null : MediaType.APPLICATION_JSON_VALUE;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                return getContentType();
            }
            return name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH) ? Integer.toString(body.length)
                    : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!BODY_HEADERS.contains(name.toLowerCase())) {
                return super.getHeaders(name);
            }
            String value = getHeader(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            Set<String> names = new LinkedHashSet<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!BODY_HEADERS.contains(name.toLowerCase())) {
                    names.add(name);
                }
            }
            names.add(HttpHeaders.CONTENT_LENGTH);
            if (body.length > 0) {
                names.add(HttpHeaders.CONTENT_TYPE);
            }
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new BufferedBody(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
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
    }

    /** Keeps the API's status and body; its headers go nowhere (the MCP response has its own). */
    private static final class KeptResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final HttpHeaders headers = new HttpHeaders();
        private int status = SC_OK;
        private String contentType;
        private PrintWriter writer;

        KeptResponse() {
            super(NOWHERE);
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int status) {
            this.status = status;
        }

        @Override
        public void sendError(int status, String message) {
            this.status = status;
        }

        @Override
        public void sendRedirect(String location) {
            this.status = SC_FOUND;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.set(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            headers.add(name, value);
        }

        @Override
        public void setIntHeader(String name, int value) {
            setHeader(name, Integer.toString(value));
        }

        @Override
        public void addIntHeader(String name, int value) {
            addHeader(name, Integer.toString(value));
        }

        @Override
        public void setDateHeader(String name, long date) {
            headers.setDate(name, date);
        }

        @Override
        public void addDateHeader(String name, long date) {
            headers.setDate(name, date);
        }

        @Override
        public boolean containsHeader(String name) {
            return headers.containsHeader(name);
        }

        @Override
        public String getHeader(String name) {
            return headers.getFirst(name);
        }

        @Override
        public Collection<String> getHeaders(String name) {
            return headers.getValuesAsList(name);
        }

        @Override
        public Collection<String> getHeaderNames() {
            return headers.headerNames();
        }

        @Override
        public void setContentType(String type) {
            this.contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public void setCharacterEncoding(String charset) {
            // The body is kept as bytes and read as UTF-8, the API's only charset.
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public void setContentLength(int length) {
            // Only a response on the wire needs its length.
        }

        @Override
        public void setContentLengthLong(long length) {
            // Only a response on the wire needs its length.
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("blocking writes only");
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        String text() {
            if (writer != null) {
                writer.flush();
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        /** Everything is kept until the call ends: nothing is ever committed early. */
        @Override
        public int getBufferSize() {
            return Integer.MAX_VALUE;
        }

        @Override
        public void flushBuffer() {
            // Nothing goes out: the body is kept.
        }

        @Override
        public void resetBuffer() {
            body.reset();
        }

        @Override
        public void reset() {
            body.reset();
            headers.clear();
            status = SC_OK;
        }
    }
}
