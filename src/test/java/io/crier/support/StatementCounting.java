package io.crier.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Counts the statements of the application's DataSource: import it, and autowire the {@link StatementCounter}. */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

    /** Static: a bean post-processor, created before the DataSource it wraps. */
    @Bean
    static StatementCounter statementCounter() {
        return new StatementCounter();
    }
}
