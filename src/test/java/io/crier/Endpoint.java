package io.crier;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One way into the API (the native {@code /v1} API or a vendor dialect's, see {@link Dialect}) as
 * the application itself maps it: a method, a path pattern, the content type its body is sent as
 * and whether it reads a body at all. Found from Spring MVC's own handler mapping, so a new
 * endpoint is included without anyone listing it.
 *
 * @param contentType     for an endpoint that declares what it consumes, one of those types (each
 *                        is an endpoint of its own); otherwise JSON
 * @param queryParameters the names of its {@code @RequestParam}s
 */
record Endpoint(String method, String pattern, MediaType contentType, Body body, List<String> queryParameters) {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    /** The second path variable of an inbound message's attachment: the first attachment, if it has one. */
    private static final String ATTACHMENT_REF = "/attachments/{ref}";

    /** Whether and how the handler reads the request body. */
    enum Body {
        NONE, OPTIONAL, REQUIRED
    }

    static List<Endpoint> all(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = handler.getKey();
            Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
            List<MediaType> contentTypes = consumes.isEmpty() ? List.of(MediaType.APPLICATION_JSON)
                    : List.copyOf(consumes);
            Body body = body(handler.getValue());
            List<String> parameters = queryParameters(handler.getValue());
            for (String pattern : info.getPatternValues()) {
                if (Dialect.of(pattern) == null) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    for (MediaType contentType : contentTypes) {
                        endpoints.add(new Endpoint(method.name(), pattern, contentType, body, parameters));
                    }
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::toString));
        return endpoints;
    }

    Dialect dialect() {
        return Dialect.of(pattern);
    }

    boolean writes() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /**
     * The collection the path's id ({@code {id}}, or a dialect's {@code {uuid}}, possibly with a
     * suffix such as {@code {uuid}.json}) belongs to: the segment before it; null without one.
     */
    String idCollection() {
        String[] segments = pattern.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                return segments[i - 1];
            }
        }
        return null;
    }

    /** The request path with {@code id} in place of the path's one variable (an attachment's ref is 0). */
    String path(String id) {
        String path = PATH_VARIABLE.matcher(pattern.replace(ATTACHMENT_REF, "/attachments/0"))
                .replaceFirst(Matcher.quoteReplacement(id));
        if (path.contains("{")) {
            throw new IllegalStateException(this + " has more than one path variable: teach the test their values");
        }
        return path;
    }

    /** "METHOD /pattern", how the sample bodies are keyed. */
    String key() {
        return method + " " + pattern;
    }

    @Override
    public String toString() {
        return key() + " (" + contentType + ")";
    }

    private static List<String> queryParameters(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                .map(parameter -> {
                    String name = parameter.getParameterAnnotation(RequestParam.class).name();
                    return name.isEmpty() ? parameter.getParameter().getName() : name;
                })
                .toList();
    }

    private static Body body(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestBody requestBody = parameter.getParameterAnnotation(RequestBody.class);
            if (requestBody != null) {
                return requestBody.required() ? Body.REQUIRED : Body.OPTIONAL;
            }
            Class<?> type = parameter.getParameterType();
            if (parameter.hasParameterAnnotation(RequestPart.class) || type == MultipartFile.class
                    || InputStream.class.isAssignableFrom(type)) {
                return Body.REQUIRED;
            }
        }
        return Body.NONE;
    }
}
