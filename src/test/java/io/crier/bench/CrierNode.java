package io.crier.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.CrierApplication;
import io.crier.shared.MailRuntime;
import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.StatementCounter;
import io.crier.support.StatementCounting;

/**
 * One Crier, started in this JVM exactly as {@code java -jar crier.jar} starts it, with the
 * given settings passed as command-line arguments (so no CRIER_* variable of the caller's
 * environment overrides them). The benchmark talks to it over its HTTP API, and reads figures
 * straight from its database, and counts the statements it sends there ({@link StatementCounter}).
 */
final class CrierNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private CrierNode(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    static CrierNode start(BenchDatabase database, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(database.crierProperties());
        all.put("crier.port", "0");
        all.put("crier.bootstrap-api-key", Api.BOOTSTRAP_KEY);
        // The benchmark sends from a domain it never verifies.
        all.put("crier.senders.verify-domains", "false");
        all.put("logging.level.root", "WARN");
        all.putAll(settings);
        List<String> args = new ArrayList<>();
        all.forEach((name, value) -> args.add("--" + name + "=" + value));
        MailRuntime.configure();
        return new CrierNode(SpringApplication.run(new Class<?>[] {CrierApplication.class, StatementCounting.class},
                args.toArray(String[]::new)));
    }

    /** A new workspace and its key with every scope. */
    Caller newWorkspace() {
        return Api.at(port).newWorkspace();
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    StatementCounter statements() {
        return context.getBean(StatementCounter.class);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
