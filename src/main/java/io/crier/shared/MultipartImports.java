package io.crier.shared;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring MVC reads a multipart body into parts (Tomcat writes them to disk, up to
 * {@code crier.limits.import-body-size}) on the contact import alone, which only a key reaches.
 * Spring Boot's resolver does it for every request with a multipart content type, before any
 * controller, on paths open to anyone (an unsubscribe link) too; there it stays an unread body.
 */
@Configuration(proxyBeanMethods = false)
class MultipartImports {

    @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    MultipartResolver multipartResolver() {
        return new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return RequestSizeLimitFilter.isMultipartImport(request) && super.isMultipart(request);
            }
        };
    }
}
