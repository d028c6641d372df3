package io.crier.support;

import java.io.IOException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A {@link ScriptedSmtpServer} as the context's relay ({@code crier.smtp.host} must be set to
 * 127.0.0.1 by the test's properties, so no capture server is made); tests autowire it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedRelayConfiguration {

    @Bean(destroyMethod = "close")
    ScriptedSmtpServer scriptedSmtpServer() throws IOException {
        return new ScriptedSmtpServer();
    }

    @Bean
    DynamicPropertyRegistrar scriptedRelayPort(ScriptedSmtpServer server) {
        return registry -> registry.add("crier.smtp.port", server::port);
    }
}
