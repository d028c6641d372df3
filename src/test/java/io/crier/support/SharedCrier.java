package io.crier.support;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

/**
 * The running Crier every {@link CrierApiTest} class shares, for tests that JUnit's Spring
 * extension does not run (jqwik's properties): taken from Spring's context cache, so it is
 * started at most once, and not at all when another test class has started it already.
 */
public final class SharedCrier {

    /** Configured exactly like every {@link CrierApiTest} class, so the cache finds the same context. */
    @CrierApiTest
    static final class AsEveryApiTest {
    }

    private SharedCrier() {
    }

    public static ApplicationContext context() {
        return new TestContextManager(AsEveryApiTest.class).getTestContext().getApplicationContext();
    }

    /** The API on the context's port, as a client on loopback. */
    public static Api api(ApplicationContext context) {
        return Api.at(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
