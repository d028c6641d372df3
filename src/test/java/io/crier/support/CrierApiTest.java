package io.crier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test against a running Crier over real HTTP and a real database. Tagged {@code db}: the build
 * runs it once on embedded H2 and once more on PostgreSQL. Every such test class shares one
 * application context; tests stay apart by each working in a workspace of its own
 * ({@link Api#newWorkspace()}). DNS lookups go to a {@link TestDnsServer} the tests write records to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crier.bootstrap-api-key=" + Api.BOOTSTRAP_KEY,
        "crier.data-dir=target/test-data/${random.uuid}"})
@Import(TestDnsConfiguration.class)
public @interface CrierApiTest {
}
