package io.crier.access;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.crier.shared.ApiException;
import io.crier.shared.ErrorResponseWriter;

/**
 * Paths no endpoint can have (an encoded dot, slash, backslash or percent sign, a semicolon, a
 * control character) are refused by Spring Security's HTTP firewall before any chain runs, with a
 * 400 in the API's error shape like every other refusal.
 */
@Configuration(proxyBeanMethods = false)
class RefusedPaths {

    @Bean
    RequestRejectedHandler requestRejectedHandler(ErrorResponseWriter errors) {
        return (request, response, rejected) -> errors.write(request, response, ApiException.invalid("path",
                "holds characters no path of Crier has (encoded dots, slashes or percent signs, semicolons,"
                        + " backslashes or control characters)"));
    }

    /**
     * Tomcat refuses encoded slashes and backslashes itself, with its own HTML page; let them
     * through undecoded instead, so that the firewall, which refuses them too, answers.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
        return connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        };
    }
}
