package io.crier.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A {@link TestDnsServer} as the context's only resolver ({@code crier.dns.servers}); tests autowire
 * it and write the records they need, each under domains of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDnsConfiguration {

    @Bean(destroyMethod = "close")
    TestDnsServer testDnsServer() {
        return new TestDnsServer();
    }

    @Bean
    DynamicPropertyRegistrar testDnsServers(TestDnsServer server) {
        return registry -> {
            registry.add("crier.dns.servers", server::address);
            // Silent names answer "not verified yet" after this, not after the default 5 s.
            registry.add("crier.dns.timeout", () -> "500ms");
        };
    }
}
