package io.crier.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * One key in {@code crier.dkim.keys}, naming no workspace, so it signs the default workspace's mail
 * from {@value #DOMAIN} (ConfiguredDkimKeyTest). A test configuration rather than properties of
 * {@link CrierApiContext}: the key is made on the spot, and Spring Boot binds a list from one
 * property source only. No other test sends from that domain.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConfiguredDkimKeyConfiguration {

    /** In the case an operator may write it: the key is found whatever the case. */
    private static final String DOMAIN = "Configured.Crier.Test";
    private static final String SELECTOR = "conf";

    @Bean
    DynamicPropertyRegistrar configuredDkimKey() {
        return registry -> {
            registry.add("crier.dkim.keys[0].domain", () -> DOMAIN);
            registry.add("crier.dkim.keys[0].selector", () -> SELECTOR);
            registry.add("crier.dkim.keys[0].private-key", TestKeys::rsa2048);
        };
    }
}
