package io.crier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test against a running Crier over real HTTP and a real database. Tagged {@code db}: the build
 * runs it once on embedded H2 and once more on PostgreSQL. Every such test class shares one
 * application context ({@link CrierApiContext}); tests stay apart by each working in a workspace of
 * its own ({@link Api#newWorkspace()}). DNS lookups go to a {@link TestDnsServer} the tests write
 * records to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
@CrierApiContext
public @interface CrierApiTest {
}
