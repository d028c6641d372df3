package io.crier.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Crier node in a process of its own, started from the test's classpath with the test's java,
 * the way an operator runs several nodes: separate JVMs that share nothing but the database and
 * the SMTP relay. Its output goes to {@code target/crier-processes/<name>-<start>.log}. A process is
 * always ended: by {@link #close}, or by a shutdown hook if the test JVM exits first.
 */
public final class CrierProcess implements AutoCloseable {

    private static final Path LOGS = Path.of("target", "crier-processes");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private CrierProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Short-lived test nodes: the quick compiler and a small heap start faster on 2 cores. */
    private static final List<String> TEST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m");

    /**
     * Starts a node named {@code name} (also its {@code crier.delivery.node-id}) with these
     * settings, each passed as {@code --key=value}, on a free HTTP port. Returns at once; see
     * {@link #awaitReady}.
     */
    public static CrierProcess start(String name, Map<String, String> settings) {
        return start(name, TEST_JVM, settings);
    }

    /**
     * The same in a JVM with these options instead of the tests' quick-start ones: the benchmark
     * runs its nodes with the full compiler and the default collector, as in production.
     */
    public static CrierProcess start(String name, List<String> jvmOptions, Map<String, String> settings) {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("crier.port", Integer.toString(port));
        all.put("server.address", "127.0.0.1");
        all.put("crier.bootstrap-api-key", Api.BOOTSTRAP_KEY);
        all.put("crier.delivery.node-id", name);
        all.put("crier.capture.port", "0");
        // Tests send from domains they never verify; SendingDomainEnforcementTest checks verification.
        all.put("crier.senders.verify-domains", "false");
        // Several nodes and other test runs share one PostgreSQL server and its connection limit.
        all.put("spring.datasource.hikari.maximum-pool-size", "8");
        all.put("spring.datasource.hikari.minimum-idle", "2");
        // Nodes on one database share the suite's master key (the PostgreSQL run sets one).
        String masterKey = System.getProperty("crier.master-key");
        if (masterKey != null) {
            all.put("crier.master-key", masterKey);
        }
        all.putAll(settings);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.crier.CrierApplication"));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + "-" + System.currentTimeMillis() + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new CrierProcess(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Crier node " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Api api() {
        return Api.at(port);
    }

    /** The same API key as {@code caller}, talking to this node. */
    public Caller as(Caller caller) {
        return api().withKey(caller.key());
    }

    /** Waits until the node reports itself ready (database reachable, engine started). */
    public CrierProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        HttpRequest probe = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Crier node " + name + " exited with " + process.exitValue()
                        + " before it was ready:\n" + logTail());
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // The HTTP server is not up yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("Crier node " + name + " not ready after " + timeout + ":\n" + logTail());
    }

    /** The CPU time the process has used so far, all its threads together. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("The CPU time of Crier node " + name + " is not readable"));
    }

    /** SIGKILL: the process gets no chance to flush, release or deregister anything. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Ends the process (forcibly: the test is over and its database is thrown away). */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it kills the process itself.
        }
    }

    /** The node's whole log so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the node's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Crier node " + name + " did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
